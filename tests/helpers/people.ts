// People used across scenarios. Codes are real Kemendagri codes from resources/wilayah.
export const PPKBD_PHONE = '+6281234567001';
export const SUB_PPKBD_PHONE = '+6281234567002';
export const PKB_PHONE = '+6281234567003';
export const KOORD_PHONE = '+6281234567004';
export const DINAS_PHONE = '+6281234567005';
export const RESIDENT_PHONE = '+6285299990001';

export const PEOPLE_CSV = [
  'phone,name,role,area,unit',
  `${PPKBD_PHONE},Siti Aminah,ppkbd,73.06.06.2003,`,
  `0812-3456-7002,Rahmawati,sub_ppkbd,73.06.06.2003,Dusun Bontoa`,
  `6281234567003,Andi Baso,pkb,73.06.06.2003;73.06.06.2004,`,
  `+62 812-3456-7004,Hj. Nurhayati,koordinator,73.06.06,`,
  `${DINAS_PHONE},Muh. Ridwan,dinas,73.06,`,
].join('\n');
