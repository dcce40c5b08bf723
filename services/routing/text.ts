/** Text normalisation shared by the classifier and the place matcher: folding, tokens, Malaysian short forms. */

/** Lower-case, strip diacritics, turn every non-alphanumeric run into one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Short forms and spelling variants common in Malaysian chat → one canonical word (or words). A Map, not a plain
 * object: a citizen's word is the key, and "constructor" or "__proto__" must not find Object.prototype's members.
 */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    x: 'tidak',
    tak: 'tidak',
    tk: 'tidak',
    tdk: 'tidak',
    tadak: 'tidak',
    ndak: 'tidak',
    idak: 'tidak',
    xde: 'tiada',
    xda: 'tiada',
    takde: 'tiada',
    takda: 'tiada',
    tkde: 'tiada',
    tkda: 'tiada',
    tade: 'tiada',
    xdak: 'tiada',
    dh: 'sudah',
    dah: 'sudah',
    sdh: 'sudah',
    udah: 'sudah',
    da: 'sudah',
    jln: 'jalan',
    jalam: 'jalan',
    lrg: 'lorong',
    tmn: 'taman',
    kg: 'kampung',
    kpg: 'kampung',
    bdr: 'bandar',
    kat: 'di',
    dkt: 'dekat',
    kt: 'dekat',
    dekt: 'dekat',
    yg: 'yang',
    dgn: 'dengan',
    dng: 'dengan',
    utk: 'untuk',
    tuk: 'untuk',
    pd: 'pada',
    dr: 'dari',
    dri: 'dari',
    drp: 'daripada',
    sbb: 'sebab',
    sbab: 'sebab',
    coz: 'because',
    cuz: 'because',
    bcoz: 'because',
    bcos: 'because',
    lg: 'lagi',
    lgi: 'lagi',
    sgt: 'sangat',
    sngt: 'sangat',
    mcm: 'macam',
    cmni: 'macam',
    byk: 'banyak',
    bnyk: 'banyak',
    org: 'orang',
    rmh: 'rumah',
    umah: 'rumah',
    tlg: 'tolong',
    tolon: 'tolong',
    blh: 'boleh',
    bleh: 'boleh',
    leh: 'boleh',
    skrg: 'sekarang',
    skang: 'sekarang',
    sekrg: 'sekarang',
    bkn: 'bukan',
    jgn: 'jangan',
    kpd: 'kepada',
    dlm: 'dalam',
    dlam: 'dalam',
    hr: 'hari',
    ari: 'hari',
    mgu: 'minggu',
    mggu: 'minggu',
    bln: 'bulan',
    thn: 'tahun',
    mlm: 'malam',
    mlam: 'malam',
    pg: 'pagi',
    sklh: 'sekolah',
    skolah: 'sekolah',
    sekola: 'sekolah',
    cikgu: 'cikgu',
    keta: 'kereta',
    kete: 'kereta',
    moto: 'motosikal',
    motor: 'motosikal',
    lbg: 'lubang',
    lobang: 'lubang',
    lubng: 'lubang',
    longkag: 'longkang',
    smpah: 'sampah',
    sampa: 'sampah',
    sampoh: 'sampah',
    bocoq: 'bocor',
    paeb: 'paip',
    pip: 'paip',
    elektrik: 'elektrik',
    letrik: 'elektrik',
    karan: 'elektrik',
    api: 'api',
    klinik: 'klinik',
    spital: 'hospital',
    hosp: 'hospital',
    ubt: 'ubat',
    bdk: 'budak',
    bebudak: 'budak',
    pls: 'please',
    plz: 'please',
    pls2: 'please',
    u: 'you',
    ur: 'your',
    r: 'are',
    n: 'and',
    w: 'with',
    wif: 'with',
    govt: 'government',
    gov: 'government',
    kerajaan: 'kerajaan',
    msg: 'message',
    nk: 'nak',
    nak: 'nak',
    mau: 'nak',
    mo: 'nak',
    gaji: 'gaji',
    sllu: 'selalu',
    slalu: 'selalu',
    smpai: 'sampai',
    sampai: 'sampai',
    ni: 'ini',
    tu: 'itu',
    tue: 'itu',
    ade: 'ada',
    adeh: 'ada',
    bising2: 'bising',
    anjin: 'anjing',
    ajing: 'anjing',
    kcing: 'kucing',
    bau2: 'bau',
    rosak2: 'rosak',
    rosk: 'rosak',
    rusak: 'rosak',
    x2: 'tidak',
    stl: 'streetlight',
    lampu2: 'lampu',
  }),
);

/** Words too common to be fuzzy-matched against the lexicon (exact lexicon matches still count). */
export const STOPWORDS = new Set(
  (
    'the a an and or of to in on at for is are was were be been it its this that these those there here with from by ' +
    'my our your their his her i we you they he she me us them please pls hi hello dear sir madam tq thanks thank ' +
    'very so too also just still again already not no yes can cannot could would should will has have had do does did ' +
    'near nearby beside opposite front behind area since about after before when what which who why how than then ' +
    'saya aku kami kita awak anda dia mereka kamu ini itu yang dan atau di ke dari daripada pada untuk dengan dalam ' +
    'ada tiada tidak bukan sudah belum lagi sangat amat tolong minta mohon boleh nak mahu hendak akan telah sedang masih ' +
    'dekat depan belakang sebelah tepi hadapan berhampiran sini sana situ macam seperti sebab kerana kalau jika bila ' +
    'apa siapa mana bagaimana kenapa mengapa pun lah kah tah je jer ja aje la lh kot ke ni tu eh ye ya yer weh woi ' +
    'orang hari minggu bulan tahun pagi petang malam semalam tadi sekarang selalu setiap sejak sampai hingga banyak ' +
    'encik puan tuan pihak berkenaan terima kasih harap segera cepat lama dah nya kan oleh juga semua tak x jadi buat ' +
    'rumah area kawasan taman jalan lorong kampung bandar seksyen presint semalam kelmarin esok minit jam pukul ' +
    'rosak kerosakan baiki dibaiki membaiki pembaikan teruk besar kecil baru lama bahaya risau marah kecewa ' +
    'fix fixed repair repaired broken damaged since week weeks month months many lot lots every already please ' +
    'problem problems issue issues complaint complain aduan adu masalah isu laporan lapor report reported ' +
    'tengok nampak lihat see saw look kena dapat pergi datang balik keluar masuk naik turun ambil bagi beri ' +
    'sampai tunggu cuba try tried call called contact hubungi respon response action tindakan ambil nothing'
  ).split(' '),
);

/** Words after which a noun is usually a landmark, not the subject ("depan sekolah", "near the clinic"). */
export const LOCATIVES = new Set(
  'depan dekat belakang sebelah tepi hadapan berhampiran seberang sepanjang luar near opposite beside behind outside along next'.split(
    ' ',
  ),
);

/** Splits folded text into tokens, expands short forms, drops reduplication markers (lubang2 → lubang lubang). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of foldText(text).split(' ')) {
    if (!raw) continue;
    const redup = /^([a-z]{3,})2$/.exec(raw);
    const word = redup ? redup[1] : raw;
    const squeezed = word.replace(/([a-z])\1{2,}/g, '$1$1');
    const mapped =
      SHORT_FORMS.get(squeezed) ?? SHORT_FORMS.get(squeezed.replace(/([a-z])\1/g, '$1')) ?? squeezed;
    for (const part of mapped.split(' ')) out.push(part);
  }
  return out;
}
