// "Tentang IMP Smart" for residents: what the service is and what it does with their data. (INFO belongs to the Smart Book.)
import type { FlowDefinition } from './engine/types.js';

const ABOUT =
  '*IMP Smart* adalah layanan WhatsApp Program KB Kabupaten Gowa (DPPKB Gowa) untuk kader KB desa ' +
  '(PPKBD dan Sub-PPKBD) dan Penyuluh KB.\n\n' +
  'Untuk pelayanan KB, silakan hubungi kader KB (PPKBD) di desa Anda, Penyuluh KB di kecamatan, ' +
  'atau puskesmas terdekat.\n\n' +
  'Kami tidak pernah meminta nama, NIK, atau alamat lengkap lewat WhatsApp.\n\n' +
  'Ketik MENU untuk kembali.';

export const aboutFlow = {
  id: 'about',
  version: 1,
  start: 'about.show',
  nodes: {
    'about.show': { kind: 'end', text: ABOUT },
  },
  menu: { audience: ['resident'], label: 'Tentang IMP Smart', words: ['tentang'], order: 50 },
} satisfies FlowDefinition;
