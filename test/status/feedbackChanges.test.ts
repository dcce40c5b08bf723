/** Item changes reach every view that follows them, and one broken view does not keep the others from hearing. */
import { FeedbackChanges } from '../../services/status/feedbackChanges';

test('every subscriber hears each change, a throwing one does not stop the rest, and unsubscribing stops it', () => {
  const changes = new FeedbackChanges();
  const heard: string[] = [];
  changes.subscribe({
    feedbackChanged: () => {
      throw new Error('card poster down');
    },
  });
  const stop = changes.subscribe({ feedbackChanged: (ref) => heard.push(`a:${ref}`) });
  changes.subscribe({ feedbackChanged: (ref) => heard.push(`b:${ref}`) });
  changes.feedbackChanged('SRA-AAAA-2222');
  stop();
  changes.feedbackChanged('SRA-BBBB-3333');
  expect(heard).toEqual(['a:SRA-AAAA-2222', 'b:SRA-AAAA-2222', 'b:SRA-BBBB-3333']);
});
