// Every user-facing string of the conversation core, in Bahasa Indonesia. Short, plain, numbered.
// Flow-specific prompts live with their flow; what the engine itself says lives here.

const WAYS_OUT = 'Ketik BATAL untuk berhenti atau MENU untuk ke menu utama.';

export const COPY = {
  invalidGeneric: 'Jawaban belum sesuai.',

  invalidAnswer: (hint: string, prompt: string) => `Maaf, ${lowerFirst(hint)}\n\n${prompt}\n\n${WAYS_OUT}`,

  tooManyAttempts: (help: string, prompt: string) =>
    `Sepertinya pertanyaan ini sulit dijawab. ${help}\n\n` +
    `Anda bisa:\n` +
    `• coba jawab lagi,\n` +
    `• ketik BANTUAN untuk penjelasan,\n` +
    `• ketik MENU untuk kembali ke menu utama.\n\n${prompt}`,

  flowFailed: 'Maaf, terjadi gangguan pada percakapan ini. Silakan ketik MENU untuk mulai lagi.',

  /** Shown when processing a message failed unexpectedly (a bug or an outage); never the error itself. */
  internalError: 'Maaf, pesan Anda belum bisa diproses karena ada gangguan. Silakan coba lagi sebentar lagi, atau ketik MENU.',

  helpInFlow: (help: string | null, prompt: string, keepsDraft: boolean) =>
    `${help ? `${help}\n\n` : ''}Pertanyaan saat ini:\n${prompt}\n\n` +
    `Kata yang bisa dipakai kapan saja:\n` +
    `• MENU — kembali ke menu utama\n` +
    `• BATAL — berhenti${keepsDraft ? ' (jawaban disimpan sebagai draf)' : ''}\n` +
    `• LANJUT — lanjutkan draf\n` +
    `• BANTUAN — penjelasan ini`,

  generalHelp:
    'Cara memakai IMP Smart:\n' +
    '• Balas dengan *angka* pilihan menu, misalnya 1.\n' +
    '• MENU — kembali ke menu utama\n' +
    '• BATAL — berhenti dari isian yang sedang berjalan\n' +
    '• LANJUT — lanjutkan isian yang tersimpan (draf)\n' +
    '• BANTUAN — penjelasan untuk langkah saat ini',

  /** Added to the general help for those who send the monthly recap (PPKBD, Sub-PPKBD). */
  fastEntryTip:
    '• LAPOR — kirim laporan bulanan sekaligus dalam satu pesan, misalnya LAPOR PUS=480 IUD=20. ' +
    'Ketik BANTUAN LAPOR untuk daftar isiannya.',

  /** Added to the general help for registered people: practice mode (flows/practice/). */
  practiceTip: '• LATIHAN — berlatih mengisi laporan dengan desa dan angka karangan (tidak disimpan, tidak dikirim ke PKB)',

  expired: (keptDraft: boolean) =>
    'Percakapan sebelumnya sudah ditutup karena lama tidak ada balasan.' +
    (keptDraft ? ' Jawaban Anda tersimpan sebagai draf: ketik LANJUT untuk melanjutkan.' : ''),

  cancelled: (keptDraft: boolean) =>
    keptDraft ? 'Baik, dihentikan. Jawaban Anda tersimpan sebagai draf: ketik LANJUT untuk melanjutkan.' : 'Baik, dibatalkan.',

  leftToMenu: (keptDraft: boolean) => (keptDraft ? 'Jawaban Anda tersimpan sebagai draf (ketik LANJUT untuk melanjutkan).' : ''),

  notInList: 'Nomor itu tidak ada dalam daftar.',
  nothingToCancel: 'Tidak ada isian yang sedang berjalan.',
  noDraft: 'Tidak ada draf yang tersimpan.',
  resumingDraft: 'Kita lanjutkan dari jawaban terakhir Anda.',
  continuing: 'Kita lanjutkan.',
  backToQuestion: 'Kembali ke isian tadi:',
  flowChanged: 'Maaf, menu ini baru saja diperbarui sehingga isian tadi tidak bisa dilanjutkan. Silakan mulai lagi dari menu.',

  pleaseResend: 'Maaf, pesan Anda tadi tidak terbaca di sisi kami. Mohon kirim ulang pesan tersebut.',
  textOnly: 'Maaf, IMP Smart hanya bisa membaca pesan teks. Foto, suara, dan berkas tidak dibaca dan tidak disimpan.',
  blank: 'Pesan Anda kosong.',
  tooLong: (max: number) => `Pesan Anda terlalu panjang (lebih dari ${max} huruf). Mohon kirim jawaban yang singkat.`,

  menuIntro: 'Pilih menu dengan membalas angkanya:',
  menuFooter: 'Ketik MENU kapan saja untuk kembali ke sini, BANTUAN untuk petunjuk.',
} as const;

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}
