import { describe, expect, it } from 'vitest';
import { ABUSIVE_WORDS, describeKinds, findPersonalData, looksLikeNonsenseOrAbuse, scrubFreeText } from '../../../src/domain/cases/privacy.js';

describe('scrubFreeText: each kind of personal data', () => {
  it.each([
    // NIK, with and without separators
    ['NIK 7306012345670001', 'NIK [dihapus]', ['nik']],
    ['nik: 7306 0123 4567 0001 rumah', 'nik: [dihapus] rumah', ['nik']],
    ['7306.0123.4567.0001', '[dihapus]', ['nik']],
    ['73-06-01-2345-670001', '[dihapus]', ['nik']],
    // phone numbers
    ['hp 081234567890', 'hp [dihapus]', ['telepon']],
    ['WA 0812-3456-7890 sore', 'WA [dihapus] sore', ['telepon']],
    ['+62 812 3456 7890', '[dihapus]', ['telepon']],
    ['telp 6281234567890', 'telp [dihapus]', ['telepon']],
    ['kantor (0411) 861234', 'kantor [dihapus]', ['telepon']],
    ['hp081234567890', 'hp[dihapus]', ['telepon']],
    // e-mail
    ['kirim ke sitti.rahma@gmail.com ya', 'kirim ke [dihapus] ya', ['email']],
    // dates of birth
    ['lahir 12/05/1990', 'lahir [dihapus]', ['tanggal_lahir']],
    ['tgl lahir: 12-05-1990', 'tgl lahir: [dihapus]', ['tanggal_lahir']],
    ['lahir 12 Mei 1990', 'lahir [dihapus]', ['tanggal_lahir']],
    ['lahirnya tahun 1988', 'lahirnya tahun [dihapus]', ['tanggal_lahir']],
    ['TTL Sungguminasa, 3-4-1988', 'TTL Sungguminasa, [dihapus]', ['tanggal_lahir']],
    ['istri 01.02.1995', 'istri [dihapus]', ['tanggal_lahir']],
    // names after a marker
    ['namanya Ibu Sitti Rahma', 'namanya Ibu [dihapus]', ['nama']],
    ['nama: Sitti', 'nama: [dihapus]', ['nama']],
    ['nama saya rahma, RW 2', 'nama saya [dihapus], RW 2', ['nama']],
    ['suami Ahmad tidak setuju', 'suami [dihapus] tidak setuju', ['nama']],
    ['Pak Dg. Nai tinggal di RT 2', 'Pak [dihapus] tinggal di RT 2', ['nama']],
    ['Bu Hj. Andi Besse Tenri di dusun', 'Bu Hj. [dihapus] di dusun', ['nama']],
    ['Sdr. Rudi', 'Sdr. [dihapus]', ['nama']],
    ['saudari Nurul Hidayah', 'saudari [dihapus]', ['nama']],
    ['istrinya Rosmini takut', 'istrinya [dihapus] takut', ['nama']],
    ['bapak Baso', 'bapak [dihapus]', ['nama']],
  ] as const)('when the text is "%s", then it becomes "%s"', (input, text, removed) => {
    expect(scrubFreeText(input)).toEqual({ text, removed: [...removed] });
  });

  it('when a text holds several kinds, then all are removed and each kind is reported once, in a fixed order', () => {
    const result = scrubFreeText('Ibu Sitti, NIK 7306012345670001, hp 0812 3456 7890, lahir 1-1-1990, RT 03 Dusun Bontoa, bapak Baso');
    expect(result.text).toBe('Ibu [dihapus], NIK [dihapus], hp [dihapus], lahir [dihapus], RT 03 Dusun Bontoa, bapak [dihapus]');
    expect(result.removed).toEqual(['nik', 'telepon', 'tanggal_lahir', 'nama']);
  });
});

describe('scrubFreeText: what is allowed stays', () => {
  it.each([
    ['RT 03 Dusun Bontoa'],
    ['Dusun Bontoa RW 2'],
    ['RT 003/RW 004 Lingkungan Tamarunang'],
    ['takut efek samping'],
    ['Suami Tidak Setuju'],
    ['suami tidak setuju'],
    ['Ibu Hamil Lagi'],
    ['ibu takut disuntik'],
    ['Bu Bidan bilang stok habis'],
    ['Pak Dusun sudah tahu'],
    ['Nama Dusun Bontoa'],
    ['anak baru lahir 2 bulan'],
    ['biaya Rp 150.000 terlalu mahal'],
    ['kode UN-202003-2026-0001'],
    ['kode desa 73.06.20.2003'],
    ['umur 25 tahun, anak 3'],
    ['1'],
    [''],
  ])('when the text is "%s", then nothing is removed', (input) => {
    expect(scrubFreeText(input)).toEqual({ text: input.trim(), removed: [] });
  });
});

describe('looksLikeNonsenseOrAbuse', () => {
  it.each([
    // insults, Indonesian and Makassarese/Bugis
    ['anjing'],
    ['dasar BANGSAT'],
    ['babi kau'],
    ['tai'],
    ['goblok'],
    ['bodoh sekali'],
    ['tolol'],
    ['asu'],
    ['sundala'],
    ['telaso ko'],
    ['kontol'],
    ['anjiiing'],
    ['4nj1ng'],
    ['b@bi'],
    // nothing but symbols or emoji
    [''],
    ['   '],
    ['???'],
    ['....'],
    ['🙂🙂'],
    // one character repeated
    ['aaaa'],
    ['zzzzzzz'],
    ['1111111'],
    // keyboard mash
    ['asdfgh'],
    ['qwerty'],
    ['sdfghjkl'],
    ['hdhsjsjs'],
    ['wkwkwkwk'],
    ['hahaha'],
    ['asdasdasd'],
    ['jkl asdf'],
  ])('when the text is "%s", then it is nonsense or abuse', (input) => {
    expect(looksLikeNonsenseOrAbuse(input)).toBe(true);
  });

  it.each([
    ['1'],
    ['2'],
    ['11'],
    ['ya'],
    ['y'],
    ['tidak'],
    ['ok'],
    ['takut efek samping'],
    ['Suami tidak setuju'],
    ['stok suntik habis di Puskesmas Bontomarannu'],
    ['RT 03 Dusun Bontoa'],
    ['tidak tahu'],
    ['belum sempat ke pustu'],
    ['pantai'],
    ['asuransi tidak menanggung'],
    ['tempat jauh, tidak ada ojek'],
    ['bkkbn'],
    ['mkjp'],
    ['3+'],
    ['20-29'],
  ])('when the text is "%s", then it is a normal answer', (input) => {
    expect(looksLikeNonsenseOrAbuse(input)).toBe(false);
  });

  it('when the insult list is read, then every entry is one lowercase word', () => {
    for (const word of ABUSIVE_WORDS) expect(word).toMatch(/^[a-z]+$/);
  });
});

describe('findPersonalData: free text that is refused', () => {
  it.each([
    // the field test's own examples
    ['Siti Rahmawati, Jl. Poros Malino No. 12', ['nama', 'alamat']],
    ['Bidan Dg. Ngai, lahir 12 Mei 1990', ['nama', 'tanggal_lahir']],
    // Makassarese and Bugis name forms
    ['Dg. Ngai', ['nama']],
    ['daeng tayang', ['nama']],
    ['Baso Dg Nompo', ['nama']],
    ['Andi Besse', ['nama']],
    ['andi', ['nama']],
    ['Rahma binti Baso', ['nama']],
    ['Mustari bin Sangkala', ['nama']],
    ['Hj. Sitti', ['nama']],
    ['H. Baso Dg. Nai', ['nama']],
    ['Puang Tenri', ['nama']],
    ['Karaeng Bella', ['nama']],
    ['La Tenri', ['nama']],
    ['Pak Dg. Sikki RT 2', ['nama']],
    // titles and introductions
    ['Ibu Nurhayati', ['nama']],
    ['ibu nurhayati', ['nama']],
    ['Bapak Ambo Dalle', ['nama']],
    ['Ny. Rosmini', ['nama']],
    ['Kak Ani', ['nama']],
    ['bidan Rahma di pustu', ['nama']],
    ['dr. Fadli', ['nama']],
    ['namanya rahma', ['nama']],
    ['nama suami: baso', ['nama']],
    ['atas nama Mustari', ['nama']],
    ['a.n. Kasmawati', ['nama']],
    ['Muh. Ridwan', ['nama']],
    ['Siti Rahmawati', ['nama']],
    ['Rahmawati', ['nama']],
    ['istrinya Rosmini takut', ['nama']],
    // addresses
    ['Jl. Poros Malino', ['alamat']],
    ['jln mawar no 5', ['alamat']],
    ['Jalan Andi Mallombasang', ['nama', 'alamat']],
    ['jalan poros limbung', ['alamat']],
    ['Lorong 3 RT 02', ['alamat']],
    ['Perumahan Griya Samata Blok C5', ['alamat']],
    ['BTN Minasa Upa blok B2', ['alamat']],
    ['Gg. Melati', ['alamat']],
    ['rumah cat hijau', ['alamat']],
    ['depan masjid Nurul Huda', ['nama', 'alamat']],
    ['samping sekolah', ['alamat']],
    ['No. 12', ['alamat']],
    ['RT 03 no 7', ['alamat']],
    // dates of birth, every written form
    ['12 Mei 1990', ['tanggal_lahir']],
    ['12-05-1990', ['tanggal_lahir']],
    ['12/5/90', ['tanggal_lahir']],
    ['12.05.1990', ['tanggal_lahir']],
    ['1990-05-12', ['tanggal_lahir']],
    ['lahir 1990', ['tanggal_lahir']],
    ['lahir thn 88', ['tanggal_lahir']],
    ['tgl lahir 12 mei', ['tanggal_lahir']],
    ['tgl lahir', ['tanggal_lahir']],
    ['tanggal lahir istri', ['tanggal_lahir']],
    ['TTL Sungguminasa, 3-4-1988', ['tanggal_lahir']],
    ['kelahiran 85', ['tanggal_lahir']],
    ['Mei 1990', ['tanggal_lahir']],
    ['tahun 1987', ['tanggal_lahir']],
    ['12 Agustus 89', ['tanggal_lahir']],
    ['lahirnya 3 Januari', ['tanggal_lahir']],
    // numbers
    ['NIK 7306012345670001', ['nik']],
    ['no KK 7306 0123 4567 0001', ['nik']],
    ['7306.0123.4567.0001', ['nik']],
    ['hp 0812-3456-7890', ['telepon']],
    ['+62 852 9999 0001', ['telepon']],
    ['wa 085299990001', ['telepon']],
    ['email rahma@gmail.com', ['email']],
    // several at once
    ['Ibu Sitti, NIK 7306012345670001, hp 0812 3456 7890, lahir 1-1-1990, Jl. Mawar', ['nama', 'alamat', 'tanggal_lahir', 'nik', 'telepon']],
  ] as const)('when the text is "%s", then it is refused for %j', (input, kinds) => {
    expect(findPersonalData(input)).toEqual([...kinds]);
  });
});

describe('findPersonalData: free text that may be kept', () => {
  it.each([
    // places
    ['RT 02'],
    ['rt 2 rw 3'],
    ['RT 003/RW 004'],
    ['Dusun Bontoa'],
    ['Dusun Borong Kalukua'],
    ['Lingkungan Tamarunang'],
    ['Kampung Beru'],
    ['Bontoa'],
    ['Nama Dusun Bontoa'],
    // facilities
    ['Puskesmas Bontomarannu'],
    ['Pustu Pakatto'],
    ['bidan desa'],
    ['Bidan Desa'],
    ['apotek'],
    ['Klinik Swasta'],
    // notes a PKB writes
    ['takut efek samping'],
    ['Suami Tidak Setuju'],
    ['suami tidak setuju'],
    ['Ibu Hamil Lagi'],
    ['ibu takut disuntik'],
    ['Bu Bidan bilang stok habis'],
    ['Pak Dusun sudah tahu'],
    ['Pak Kades sudah tahu'],
    ['Istri Pindah Ke Makassar'],
    ['pasangan pindah ke Kalimantan'],
    ['Ibu Menolak Karena Takut'],
    ['sudah diberi KIE, masih ragu'],
    ['menunggu izin suami'],
    ['Bapak kerja di Malaysia'],
    ['tempat jauh, harus jalan kaki'],
    ['data ganda'],
    ['bukan PUS lagi, usia 52'],
    ['anak baru lahir 2 bulan'],
    ['baru melahirkan 12 hari lalu'],
    ['biaya Rp 150.000 terlalu mahal'],
    ['umur 25 tahun, anak 3'],
    ['kode UN-202003-2026-0001'],
    ['kode desa 73.06.20.2003'],
    ['alasan agama'],
    ['1'],
  ])('when the text is "%s", then nothing personal is found', (input) => {
    expect(findPersonalData(input)).toEqual([]);
  });

  it.each([['RT 2/hal 4/no 17'], ['hal 12 no urut 5'], ['2/4/17'], ['register RT 03 halaman 2 nomor 11']])(
    'when a register pointer is "%s", then its row numbers are not an address or a date',
    (input) => {
      expect(findPersonalData(input, { registerPointer: true })).toEqual([]);
    },
  );

  it('when the kinds are described, then they read as plain Indonesian', () => {
    expect(describeKinds(['nama'])).toBe('nama orang');
    expect(describeKinds(['nama', 'alamat', 'tanggal_lahir'])).toBe('nama orang, alamat rumah dan tanggal lahir');
  });
});
