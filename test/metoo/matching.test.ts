/** What counts as "the same place" in text and "similar text" for "me too" (pure functions). */
import { placeKeys, recordPlaceKeys } from '../../services/feedback/nearby';
import { textSimilarity } from '../../services/similar/textSimilarity';

test('street and neighbourhood names are normalised: "Jln. Raja Laut" is "jalan raja laut"', () => {
  expect(placeKeys('Jln. Raja Laut, Kuala Lumpur')).toEqual(['jalan raja laut']);
  expect(placeKeys('jalan raja laut')).toEqual(['jalan raja laut']);
  expect(placeKeys('No 12, Jalan 3/4, Tmn Melawati')).toEqual(
    expect.arrayContaining(['jalan 3', 'taman melawati']),
  );
});

test('a title needs the name after it: Jalan Tun Razak does not meet Jalan Tun Ismail', () => {
  expect(placeKeys('Jalan Tun Razak')).toEqual(['jalan tun razak']);
  expect(placeKeys('Jalan Tun Razak')).not.toEqual(expect.arrayContaining(placeKeys('Jalan Tun Ismail')));
});

test('in a description, "jalan" as the word "road" is not a place ("jalan berlubang", "jalan raya")', () => {
  expect(recordPlaceKeys(null, 'Ada jalan berlubang dan jalan raya rosak')).toEqual([]);
  expect(recordPlaceKeys(null, 'Lubang besar di Jalan Kuching dekat Kepong')).toEqual(['jalan kuching']);
});

test('similar text: shared stemmed words across forms; the street name itself does not count', () => {
  expect(textSimilarity('Jalan berlubang besar', 'Lubang besar di jalan')).toBe(1);
  expect(textSimilarity('Potholes on the road', 'A pothole here')).toBe(1);
  const ignore = new Set(['kuching']);
  expect(textSimilarity('Sampah di Jalan Kuching', 'Lubang di Jalan Kuching', ignore)).toBe(0);
});
