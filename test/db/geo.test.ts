/**
 * Geo queries through the real Node driver against the test server (the stand-in here; a real mongod gives the same
 * answers: only standard operators on GeoJSON points with a 2dsphere index). Expected results are computed with the
 * haversine formula on mongod's sphere (radius 6378.1 km).
 */
import { MongoServerError, type Collection } from 'mongodb';
import { testDb, type TestDb } from '../support/mongo';

const EARTH_M = 6378.1 * 1000;

interface Spot {
  _id: string;
  kind: string;
  where?: { type: 'Point'; coordinates: [number, number] };
}

let t: TestDb;
let spots: Collection<Spot>;
const centre: [number, number] = [101.6869, 3.139]; // Kuala Lumpur, [lng, lat]

function metres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 60 points on a deterministic spiral from ~10 m to ~1.2 km around the centre, plus two without a point. */
function seedSpots(): Spot[] {
  const out: Spot[] = [];
  for (let i = 0; i < 60; i++) {
    const angle = i * 2.399963; // golden angle
    const dist = 0.0001 + i * 0.00018; // degrees
    out.push({
      _id: `s${i}`,
      kind: i % 2 === 0 ? 'roads' : 'waste',
      where: {
        type: 'Point',
        coordinates: [centre[0] + dist * Math.cos(angle), centre[1] + dist * Math.sin(angle)],
      },
    });
  }
  out.push({ _id: 'nowhere', kind: 'roads' }, { _id: 'nowhere2', kind: 'waste' });
  return out;
}

function expectedWithin(all: Spot[], radiusM: number, kind?: string): Spot[] {
  return all
    .filter((s) => s.where && (!kind || s.kind === kind))
    .filter((s) => metres(s.where!.coordinates, centre) <= radiusM)
    .sort((a, b) => metres(a.where!.coordinates, centre) - metres(b.where!.coordinates, centre));
}

const all = seedSpots();

beforeAll(async () => {
  t = await testDb('geo');
  spots = t.db.collection<Spot>('spots');
  await spots.createIndex({ where: '2dsphere' });
  await spots.insertMany(all);
  // No seeded point lies within a metre of a tested radius, so float rounding cannot decide a case.
  for (const s of all.filter((x) => x.where))
    for (const r of [250, 500]) expect(Math.abs(metres(s.where!.coordinates, centre) - r)).toBeGreaterThan(1);
});
afterAll(async () => t.close());

test('a 2dsphere index can be created and is listed', async () => {
  const indexes = await spots.indexes();
  expect(indexes.some((i) => i.key.where === '2dsphere')).toBe(true);
});

test('$geoWithin $centerSphere returns exactly the points within the radius (haversine)', async () => {
  for (const r of [250, 500]) {
    const found = await spots
      .find({ where: { $geoWithin: { $centerSphere: [centre, r / EARTH_M] } } })
      .toArray();
    const want = expectedWithin(all, r).map((s) => s._id);
    expect(want.length).toBeGreaterThan(3);
    expect(found.map((s) => s._id).sort()).toEqual([...want].sort());
  }
});

test('$nearSphere with $maxDistance returns the points within it, nearest first, combined with other fields', async () => {
  const found = await spots
    .find({
      kind: 'roads',
      where: { $nearSphere: { $geometry: { type: 'Point', coordinates: centre }, $maxDistance: 500 } },
    })
    .toArray();
  expect(found.map((s) => s._id)).toEqual(expectedWithin(all, 500, 'roads').map((s) => s._id));
  const distances = found.map((s) => metres(s.where!.coordinates, centre));
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
});

test('$nearSphere honours limit and projection after ordering by distance', async () => {
  const found = await spots
    .find(
      { where: { $nearSphere: { $geometry: { type: 'Point', coordinates: centre }, $maxDistance: 1000 } } },
      { projection: { kind: 1 } },
    )
    .limit(3)
    .toArray();
  const want = expectedWithin(all, 1000).slice(0, 3);
  expect(found).toEqual(want.map((s) => ({ _id: s._id, kind: s.kind })));
});

test('$nearSphere without a 2dsphere index is refused, as mongod refuses it', async () => {
  const other = t.db.collection<Spot>('unindexed');
  await other.insertOne({ _id: 'x', kind: 'roads', where: { type: 'Point', coordinates: centre } });
  await expect(
    other
      .find({
        where: { $nearSphere: { $geometry: { type: 'Point', coordinates: centre }, $maxDistance: 10 } },
      })
      .toArray(),
  ).rejects.toBeInstanceOf(MongoServerError);
  // $geoWithin needs no index.
  expect(
    await other.countDocuments({ where: { $geoWithin: { $centerSphere: [centre, 10 / EARTH_M] } } }),
  ).toBe(1);
});
