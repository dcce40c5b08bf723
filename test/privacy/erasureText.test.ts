/** What erasure says it kept, and why, in both languages: open vs finished items, the agency's copy, Telegram photos. */
import { erasureText } from '../../dialogs/privacyText';
import { createLocalizer } from '../../services/i18n';
import type { ErasureReport } from '../../services/privacy';

const l10n = createLocalizer();
const report: ErasureReport = {
  items: [
    { reference: 'SRA-AAAA-BBBB', open: true, deliveredToAgency: true },
    { reference: 'SRA-CCCC-DDDD', open: false, deliveredToAgency: false },
  ],
  supportersRemoved: 1,
  consultationAnswers: 1,
  transcriptMessages: 20,
  webChatMessages: 0,
  photos: 1,
  otherRecords: 2,
  telegramPhotos: true,
  retention: { transcriptDays: 365, webChatDays: 30, telegramButtonDays: 90, exportLinkMinutes: 15 },
};

test.each([
  [
    'en',
    [
      'Erased: your words, photos and contact details from 2 feedback item(s); 1 public consultation answer(s); 20 conversation message(s); 3 other record(s).',
      'Your support on 1 feedback item(s) of others was removed.',
      '• SRA-AAAA-BBBB: the agency still has to answer.',
      '• SRA-CCCC-DDDD: finished. Kept without your name',
      '• The agency has already received 1 of your feedback item(s).',
      '• Photos you sent on Telegram are still in your Telegram chat',
      '• Messages you send from now on are kept for 365 days',
    ],
  ],
  [
    'ms',
    [
      'Dipadam: keterangan, foto dan butiran hubungan anda daripada 2 maklum balas; 1 jawapan konsultasi awam; 20 mesej perbualan; 3 rekod lain.',
      'Sokongan anda pada 1 maklum balas orang lain telah dibuang.',
      '• SRA-AAAA-BBBB: agensi masih perlu menjawabnya.',
      '• SRA-CCCC-DDDD: sudah selesai. Disimpan tanpa nama anda',
      '• Agensi telah menerima 1 maklum balas anda.',
      '• Foto yang anda hantar melalui Telegram masih ada',
      '• Mesej yang anda hantar selepas ini disimpan selama 365 hari',
    ],
  ],
] as const)('erasure tells me (%s) what was erased, what was kept and why', (lang, lines) => {
  const text = erasureText(l10n.t, lang, report);
  for (const line of lines) expect(text).toContain(line);
});
