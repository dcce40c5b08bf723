/**
 * Bilingual category lexicon (data, not logic). Each line is "weight: term, term, …"; a term is a word or a
 * phrase in its dictionary form (the classifier adds inflections, Malay affixes, short forms and typos).
 * 3 = names the category on its own, 2 = a clear sign, 1 = a hint, below 1 = weak context.
 * Written from domain vocabulary (council services, ministries' remits), not from the labelled test set.
 * Long by nature: it is a word list.
 */
import type { CategoryId } from '../agencies/types';

/** Raw lexicon text per category. */
export const LEXICON: Record<CategoryId, string> = {
  roads: `
    2: tidak rata, tersadung, trip over, tripped, tersandung
    3: pothole, potholes, lubang jalan, jalan berlubang, jalan rosak, road damage, damaged road, road surface,
       permukaan jalan, turap, turapan, tar jalan, asphalt, resurface, sinkhole, jalan mendap, mendap, road crack,
       tampal jalan, patch the road, speed bump, bonggol, traffic light, traffic lights, lampu isyarat, road sign,
       papan tanda jalan, zebra crossing, lintasan pejalan kaki, jejantas, pedestrian bridge, divider,
       pembahagi jalan, bahu jalan, road shoulder, uneven road, jalan tidak rata, jalan retak, jalan pecah,
       jalan berlopak, lopak, berlopak, roadworks, road works, kerja jalan, sidewalk, pavement, footpath,
       laluan pejalan kaki, kaki lima rosak, kerb, curb, jalan licin, gravel, kerikil, batu kerikil, bulatan,
       trip and fall, tripped and fell, street sign, stop sign, sign down, sign missing, road marking, lane markings,
       garisan jalan, crosswalk, crossing signal, pedestrian signal, speed hump, speed humps, guardrail, penghadang jalan,
       uplifted sidewalk, broken sidewalk, cracked sidewalk, curb damaged, sink hole
    2.5: lubang, berlubang, hole, holes, road, roads, jalan raya, tampal, traffic signal, sign, signs, signage,
       papan tanda, pave, paving, paved, repave, asphalt patch, patch
    2: junction, simpang, roundabout, hentian bas, bus stop, pondok bas, kesesakan, traffic jam, jammed,
       accident prone, tayar pancit, flat tyre, pecah tayar, kemalangan, accident, motosikal terjatuh, jatuh motor,
       retak, cracked, crack, licin, slippery
    1: motosikal, motorcycle, motorcyclist, tayar, tyre, kenderaan, lorry, street, lane, lorong, highway,
       lebuhraya, drive, driving, pemandu
    0.4: jalan
  `,
  drainage: `
    3: longkang, parit, drain, drains, drainage, saliran, culvert, pembentung, longkang tersumbat, parit tersumbat,
       clogged drain, blocked drain, banjir kilat, flash flood, banjir, flood, flooded, flooding, air bertakung,
       bertakung, stagnant water, storm drain, monsoon drain, penutup longkang, drain cover, gutter, perparitan,
       sistem perparitan, air melimpah, limpahan air, tebing parit, tebing runtuh, takung
    1.5: manhole
    2: sumbat, tersumbat, clogged, clog, choked, stagnant, overflow, overflowing, melimpah, limpah,
       grating, jeriji, lumpur, mud, muddy, sampah dalam longkang, waterlogged, genang, bergenang, lecak
    1.5: blocked, hujan, rain, heavy rain, hujan lebat, rainy, air naik
    1: bau busuk, smell, stink, nyamuk, mosquito
  `,
  waste: `
    3: sampah, rubbish, garbage, trash, litter, littering, tong sampah, dustbin, rubbish bin, garbage bin,
       sisa pepejal, solid waste, kutip sampah, pungutan sampah, kutipan sampah, lori sampah, garbage truck,
       rubbish truck, buang sampah, illegal dumping, dumping, pembuangan sampah, longgokan sampah, timbunan sampah,
       swcorp, alam flora, kdeb, sampah pukal, bulky waste, sampah sarap, not collected, tidak kutip,
       tidak dikutip, bin, bins, tong, pusat kitar semula, kitar semula, recycling, recycle, sisa binaan,
       construction debris, debris, puing, sisa makanan, food waste, rubbish collection, waste collection, junk, bulk items, bulky items, bulk pickup,
       bulk trash, dumped furniture, dumped, dump, furniture dumped, mattress, mattresses, tilam, couch, sofa, tv dumped,
       old tires, tayar buruk, appliances, yard waste, garden waste, sisa kebun, leaf bags, dry leaves, daun kering,
       not picked up, picked up, pick up, missed pickup, missed collection, litter basket, street sweeping,
       street cleaning, sweep, sweeper, menyapu, cuci jalan, broken glass, kaca pecah, serpihan kaca, graffiti,
       conteng, contengan, vandalised wall, tagging, tags
    2.5: longgokan, timbunan, kutip, kutipan, pungut, collect, collection, collected, uncollected, waste
    2: bersepah, berselerak, sepah, selerak, scattered, pile, piles, heap, lalat, flies, perabot lama,
       tilam lama, old mattress, sofa lama, old furniture, plastik, plastic, beg plastik, bungkusan
    1: kotor, dirty, filthy, busuk, bau, smell, smelly, stinks, stinking, tikus, rats, rat, rodent
  `,
  streetlights: `
    3: lampu jalan, streetlight, streetlights, street light, street lights, streetlamp, street lamp, lamp post,
       lamppost, tiang lampu, lampu padam, lampu rosak, lampu tidak menyala, lampu mati, lampu malap,
       lampu berkelip, flickering, pencahayaan, lighting, lights out, light out, lampu jejantas
    2.5: lampu, light, lights, mentol, bulb, malap, dim, berkelip, flicker
    2: gelap, dark, darkness, gelap gelita, pitch dark, padam, terpadam, menyala, tidak menyala, mati
    1: off
    1: malam, night, unsafe, bahaya, dangerous, takut, scary, snatch theft, ragut
  `,
  parks: `
    3: taman permainan, playground, taman rekreasi, taman awam, public park, recreational park, swing, buaian,
       gelongsor, slide, jogging track, trek joging, trek jogging, peralatan permainan, play equipment,
       potong rumput, rumput panjang, grass cutting, overgrown, semak samun, semak, bushes, pokok tumbang,
       fallen tree, tree fell, cantas, cantas pokok, pruning, tree trimming, landskap, landscape, landscaping,
       taman tasik, lake park, jungkang jongket, seesaw, pondok rehat, wakaf, gazebo, padang permainan,
       rumput, grass, lawn
    2.5: park, parks, pokok, tree, trees, dahan, branch, branches, ranting, recreation, rekreasi
    2: padang, field, gelanggang, court, bangku, bench, benches, tasik, lake, taman bunga, garden, exercise,
       senaman, joging, jogging, tumbang, fell, fallen, akar, roots
    0.6: taman
  `,
  animals: `
    1: tangkap, catch, capture
    3: anjing liar, stray dog, stray dogs, kucing liar, stray cat, stray cats, stray, strays, anjing, dog, dogs,
       puppy, puppies, anak anjing, anak kucing, kitten, kittens, lembu, cow, cows, cattle, kambing, goat, goats, merpati, pigeon, pigeons, gagak, crow, crows, binatang,
       animal, animals, haiwan, haiwan liar, menyalak, salak, barking, bark, digigit, gigit, bite, bitten,
       kucing, cat mati, bangkai, carcass, dead animal, bangkai haiwan, anjing liar berkeliaran
    2: burung, bird, birds, kandang, reban, ayam, chicken, chickens, tahi, droppings, poop, najis haiwan,
       berkeliaran, roaming, kejar, chase, chasing, attack, serang, menyerang, lembu berkeliaran
    1: cat, tikus, rat, rats, lipan, lebah, bees, tebuan, hornet, sarang, nest
    2: haiwan peliharaan, pet, pets, pelihara
  `,
  noise: `
    2.5: piling, cerucuk, jackhammer, live band, band, live music, dentuman, dentum, bingit
    3: bising, noise, noisy, loud, karaoke, loudspeaker, pembesar suara, bunyi bising, gangguan bunyi,
       noise pollution, pencemaran bunyi, decibel, ekzos, exhaust, mat rempit, rempit, lumba haram,
       illegal racing, noisy neighbour, loud music, muzik kuat, bunyi kuat, construction noise, kebisingan
    2.5: bunyi, sound, sounds, muzik, music, speaker, speakers, parti, party, parties, hon, horn, honking
    2: drilling, gerudi, ketuk, banging, jerit, menjerit, shouting, screaming, tidur, sleep, sleepless,
       tidak boleh tidur, cannot sleep, tengah malam, midnight, late night, generator, kuat, racing, ganggu,
       gangguan, disturb, disturbing, disturbance, nightclub, kelab malam, pub, bar, konsert, concert
    1: malam, night, jiran, neighbour, neighbours, neighbor, pekak, deaf, weekend, pagi buta
  `,
  parking: `
    2.5: dua lapis, parkir berlapis, diletak, meletakkan, letak
    3: parking, parkir, letak kereta, meletak kenderaan, tempat letak kereta, double parking, double park,
       double parked, illegal parking, parkir haram, parking haram, car park, parking bay, petak parkir,
       petak letak kereta, kupon parkir, parking coupon, parking fee, bayaran parkir, parking meter, clamp,
       clamped, kunci tayar, tunda kereta, towed, tow truck, parked, park depan, park kat, blocking driveway,
       kereta terbiar, abandoned car, abandoned vehicle, kenderaan terbiar, kereta buruk, parking attendant,
       parking lot, ez park, smart park, saman parkir, parking summons, parking ticket
    2.5: petak, kupon, coupon, tunda, tow, halang, menghalang, obstruct, obstructing, block pagar, driveway,
       kompaun, compound, saman, summons
    2: kereta, car, cars, vehicle, vehicles, kenderaan, lori, van, pagar rumah, gate, blocking, entrance,
       pintu masuk, bahu jalan
  `,
  licensing: `
    1.5: illegal, haram, unapproved, tidak berdaftar, unregistered, tanpa permit
    3: lesen, licence, license, licensed, unlicensed, tanpa lesen, lesen perniagaan, business licence, permit,
       penjaja, hawker, hawkers, penjaja haram, illegal hawker, peniaga haram, illegal stall, gerai haram,
       papan iklan, billboard, banner, bunting, iklan haram, signboard, papan tanda kedai, binaan haram,
       illegal construction, illegal structure, struktur haram, bangunan haram, pengubahsuaian haram,
       illegal renovation, ubahsuai tanpa kelulusan, pusat hiburan, entertainment outlet, pusat urut,
       massage parlour, spa haram, judi, gambling, mesin judi, kedai judi, food truck, pasar malam,
       night market, bazar, bazaar, kaki lima, five foot way, sekat kaki lima, premis, premises, bengkel,
       workshop, kilang haram, kelulusan, approval, without approval, tanpa kelulusan
    2.5: gerai, stall, stalls, peniaga, berniaga, menjaja, traders, trader, kedai, shop, restoran, restaurant,
       kedai makan, mamak, renovation, pengubahsuaian, ubahsuai, extension, sambungan rumah, iklan,
       advertisement, vape, shisha, karaoke tanpa lesen
    1: kerja pembinaan, construction, tapak, site, meja, tables, kerusi, chairs, payung, umbrella
  `,
  health: `
    3: klinik, clinic, hospital, doktor, doctor, doctors, ubat, medicine, medication, pesakit, patient, patients,
       rawatan, treatment, kesihatan, health, denggi, dengue, aedes, fogging, vaksin, vaccine, vaccination,
       jururawat, nurse, nurses, kecemasan, emergency, wad, appointment, temujanji, farmasi, pharmacy,
       keracunan makanan, food poisoning, ambulans, ambulance, klinik kesihatan, pakar, specialist, surgery,
       pembedahan, dialisis, dialysis, mental health, kesihatan mental, hospital kerajaan, kkm, moh,
       bersalin, maternity, antenatal, hygiene, kebersihan makanan, food hygiene, lipas, cockroach, cockroaches,
       merokok, smoking, rokok, cigarette, wabak, outbreak, jangkitan, infection, covid, tibi, tuberculosis
    2.5: sakit, sick, illness, demam, fever, batuk, cough, cirit birit, diarrhoea, diarrhea, pengsan, fainted,
       nyamuk, mosquito, mosquitoes, jentik, larvae, menunggu giliran, queue, waiting time, beratur, ubatan,
       medical, perubatan, mengandung, pregnant, bayi, baby
    1: tunggu, waiting, kotor, dirty, sabun, soap, tandas, toilet
  `,
  education: `
    3: sekolah, school, schools, cikgu, guru, teacher, teachers, murid, pelajar, student, students, tadika,
       prasekolah, kindergarten, preschool, peperiksaan, exam, exams, examination, spm, upsr, pt3, stpm,
       buku teks, textbook, textbooks, bilik darjah, classroom, pendidikan, education, guru besar,
       headmaster, headmistress, pengetua, principal, kantin sekolah, school canteen, bas sekolah, school bus,
       kerja rumah, homework, buli, bully, bullying, dibuli, silibus, syllabus, kurikulum, curriculum,
       ppd, jpn pendidikan, kpm, moe, universiti, university, kolej, college, biasiswa, scholarship, ptptn,
       asrama, hostel sekolah, pibg, pta, yuran sekolah, school fees, mata pelajaran, subject, subjects
    2.5: kelas, class, classes, belajar, learn, learning, study, studying, mengajar, teaching, tuisyen, tuition,
       anak murid, pupil, pupils, kantin, canteen, uniform, pakaian seragam
    1: anak, child, children, kid, kids, budak, yuran, fees
  `,
  employment: `
    2: work, worked, working, day off, public holiday, cuti umum, rest day, hari rehat
    3: terminated, termination, pampasan, compensation, severance, notis pemberhentian, layoff, laid off, ditamatkan, penamatan kerja
    3: gaji, salary, salaries, wages, wage, majikan, employer, employers, pekerja, worker, workers, employee,
       employees, dibuang kerja, buang kerja, fired, sacked, dismissed, dismissal, retrench, retrenched,
       retrenchment, diberhentikan, berhenti kerja, overtime, kerja lebih masa, cuti tahunan, annual leave,
       cuti sakit, medical leave, kwsp, epf, perkeso, socso,
       buruh, labour, labor, menganggur, unemployed, unemployment, jobless,
       jawatan kosong, vacancy, vacancies, kerja kosong, temuduga, interview, kesatuan sekerja, union,
       gaji minimum, minimum wage, potong gaji, salary deduction, unpaid salary, gaji tidak dibayar,
       tidak bayar gaji, jabatan tenaga kerja, labour department, jtk, resign, resignation, notis berhenti,
       bonus, payslip, slip gaji, pekerjaan, employment, job, jobs, working hours, waktu kerja
    2.5: kerja, bos, boss, syarikat, company, elaun, allowance, shift, syif, kontrak kerja, contract, intern,
       internship, latihan industri, jawatan, position, kilang, factory, cuti, leave
    1: bayar, paid, pay
  `,
  welfare: `
    3: kebajikan, welfare, jkm, oku, disabled, disability, disabilities, kurang upaya, warga emas, elderly,
       senior citizen, senior citizens, ibu tunggal, single mother, single mum, anak yatim, orphan, orphans,
       gelandangan, homeless, miskin, poor family, poverty, kemiskinan, asnaf, penderaan, abuse, abused, dera,
       didera, keganasan rumah tangga, domestic violence, child abuse, penderaan kanak kanak, taska, nursery,
       daycare, pengasuh, babysitter, rumah orang tua, old folks home, bantuan kebajikan, bantuan tunai,
       financial aid, cash aid, str, brim, sumbangan tunai rahmah, food bank, bank makanan, pengemis, beggar,
       begging, kerusi roda, wheelchair, cacat, autism, autisme, sindrom down, janda, widow, kaunseling,
       counselling, gangguan seksual, sexual harassment, keluarga miskin, bantuan bulanan, monthly aid,
       pusat jagaan, care centre, kanak kanak, women, wanita, pelarian, refugee, tiada tempat tinggal
    2.5: bantuan, aid, assistance, susah, hardship, struggling, tidak mampu, cannot afford, kanak, child,
       children, ibu bapa, parents, keluarga, family, buta, blind, pekak, deaf, warga tua, old man, old woman,
       makcik, pakcik, nenek, sara hidup, cost of living
    1: makan, food
  `,
  water: `
    3: bekalan air, water supply, paip, pipe, pipes, paip pecah, burst pipe, pipe burst, tekanan air,
       water pressure, air keruh, murky water, dirty water, air kotor, meter air, water meter, water bill, bil air,
       gangguan bekalan air, water disruption, water cut, catuan air, water rationing, rationing, air selangor,
       syabas, lori air, water tanker, pili, tap, taps, tiada air, no water, air tidak keluar, air tidak ada,
       water outage, kebocoran paip, leaking pipe, pipe leak, paip air, injap, valve, hidran, hydrant, air paip, tap water
    2.5: keruh, murky, bocor, leak, leaking, leakage, kebocoran, tangki, tank
    2: air, water
    1.5: bekalan, supply, gangguan, disruption
    1: kering, dry
  `,
  environment: `
    3: pencemaran, pollution, polluted, tercemar, cemar, asap, smoke, jerebu, haze, pembakaran terbuka,
       open burning, bakar sampah, burning rubbish, burning, sisa toksik, toxic waste, toxic, kimia, chemical,
       chemicals, tumpahan minyak, oil spill, sungai tercemar, river pollution, polluted river, alam sekitar,
       environment, environmental, perubahan iklim, climate change, kualiti udara, air quality, udara,
       pembalakan, logging, deforestation, tebang hutan, hutan, forest, kuari, quarry, tanah runtuh, landslide,
       hakisan, erosion, bukit ditarah, hill clearing, hill cutting, debu, dust, habuk, effluent, efluen,
       sisa kilang, factory waste, industrial waste, air sungai, sungai, river, pencemaran udara, air pollution,
       pencemaran air, water pollution, bau kimia, chemical smell, ikan mati, dead fish, api, fire, terbakar
    2.5: bakar, burn, burnt, kilang, factory, factories, minyak, oil, busuk, stench, foul smell, bau busuk,
       iklim, climate, alam, nature, hidupan liar, wildlife, tebang, cutting trees, pokok ditebang
    1: bau, smell, smells, smelly
  `,
  energy: `
    3: elektrik, electricity, electric, tnb, tenaga nasional, bekalan elektrik, power supply, power cut,
       blackout, bil elektrik, electric bill, electricity bill, power outage, outage, gangguan elektrik,
       terputus bekalan elektrik, voltage, voltan, pencawang, substation, transformer, tiang elektrik,
       electric pole, solar, solar panel, panel solar, meter elektrik, electricity meter, tenaga boleh baharu,
       renewable energy, tarif elektrik, electricity tariff, kabel elektrik, power line, wayar elektrik,
       elektrik terputus, bekalan terputus, suis, elektrik trip, suis trip, power trip, tenaga, energy, kuasa,
       power, gas, lpg, tong gas, power out, no power, no electricity, downed power line, live wire
    2.5: kabel, cable, cables, wayar, wire, wires, putus, terputus, tarif, tariff, sains, science,
       teknologi, technology
    1: padam, mati, off, gelap
  `,
  housing: `
    3: perumahan, housing, ppr, program perumahan rakyat, rumah mampu milik, affordable housing, rumah mampu,
       pemaju, developer, projek terbengkalai, abandoned project, abandoned housing, terbengkalai, sewa, rent,
       rental, penyewa, tenant, tenants, tuan rumah, landlord, lif, lift, lifts, elevator, badan pengurusan bersama, badan pengurusan,
       jmb, management corporation, strata, maintenance fee, yuran penyelenggaraan, caj penyelenggaraan,
       rumah kos rendah, low cost housing, rumah awam, public housing, rumah transit, kunci rumah,
       vacant possession, kecacatan rumah, housing defect, defects, defect, tribunal perumahan, setinggan,
       squatter, squatters, rumah flat, rumah pangsa, bumbung bocor, roof leak, siling, ceiling, dinding retak,
       cracked wall, rumah selangkah, pinjaman perumahan, housing loan, my first home
    2: pangsapuri, apartment, apartments, flat, flats, kondominium, condo, condominium
    1.2: rumah, house, houses, home, homes, unit, bumbung, roof, dinding, wall, walls, tangga, stairs,
       staircase, koridor, corridor, blok, penghuni, residents, resident
  `,
  trade: `
    3: harga, price, prices, pricing, mahal, expensive, naik harga, kenaikan harga, price hike, overprice,
       overpriced, overcharge, overcharged, cekik darah, pengguna, consumer, consumers, eksport, export,
       exports, import, imports, pengimport, importer, pengeksport, exporter, industri, industry, industries,
       pelaburan, investment, investor, pelabur, perdagangan, trade, trading, pks, sme, smes, perusahaan kecil,
       minyak masak, cooking oil, gula, sugar, beras, rice, telur, eggs, tepung, flour, sorok barang,
       hoarding, menyorok, bekalan barang, kekurangan bekalan, shortage, penipuan, scam, scammed, tipu,
       cheated, refund, bayaran balik, waranti, warranty, timbangan, weighing scale, kpdn, kpdnhep, miti,
       tarif import, import duty, duti, permit import, approved permit, francais, franchise, barang tiruan,
       counterfeit, fake goods, sst, gst, cukai jualan, sales tax, subsidi, subsidy, pasar raya, supermarket,
       hypermarket, pembekal, supplier, suppliers, pengeluar, manufacturer, manufacturing, perkilangan,
       perniagaan, business, businesses, usahawan, entrepreneur, geran perniagaan, business grant, barang
    2.5: barangan, goods, products, produk, caj, charge, charged, ringgit, beli, buy, bought, jual,
       sell, selling, sold, kedai, shop, receipt, resit, shopee, lazada, peniaga, seller, dagang
  `,
  other: `
    3: rasuah, corruption, bribe, lhdn, cukai pendapatan, income tax, mahkamah, court case, insurans, insurance,
       bank, pinjaman, loan, zakat, masjid, surau, undi, vote, election, pilihan raya, ahli parlimen,
       cadangan, suggestion, pujian, compliment, terima kasih atas, thank you for
  `,
  sewerage: `
    3: kumbahan, sewage, sewer, sewers, sewerage, pembetungan, pembetung, iwk, indah water, najis, tinja,
       loji rawatan kumbahan, sewage treatment, sewage plant, tangki septik, septic tank, septic, desludging,
       nyahenap, kosongkan tangki, lurang, manhole melimpah, manhole overflow, sewage overflow, kumbahan melimpah,
       bau najis, sewage smell, bil iwk, bil pembetungan, sewerage bill, tandas tersumbat, toilet backing up,
       sisa kumbahan, air kumbahan, paip kumbahan, sewer pipe, sewer line, sanitary
    1.5: manhole, tandas, toilet, tahi
  `,
  identity: `
    3: mykad, ic, kad pengenalan, identity card, identity cards, ic hilang, lost ic, jpn, jabatan pendaftaran,
       pendaftaran negara, national registration, sijil lahir, sijil kelahiran, birth certificate, sijil kematian,
       death certificate, daftar kelahiran, register birth, birth registration, daftar kematian,
       kewarganegaraan, citizenship, warganegara, stateless, tanpa dokumen, mykid, mypr, sijil nikah,
       pendaftaran perkahwinan, marriage registration, marriage certificate, tukar nama, change of name,
       name change, ic rosak, ganti ic, replace ic, renew ic, kad ic, nombor ic, ic number
    2: pendaftaran, registration, dokumen, document, documents, sijil, certificate
  `,
  transport: `
    3: jpj, lesen memandu, driving licence, driving license, driver licence, lesen kereta, lesen motor,
       roadtax, road tax, cukai jalan, renew road tax, pendaftaran kenderaan, vehicle registration, puspakom,
       nombor plat, number plate, plate number, saman ekor, saman jpj, traffic summons, ujian memandu,
       driving test, sekolah memandu, driving school, pengangkutan awam, public transport, bas awam, public bus,
       bas henti, bus service, perkhidmatan bas, bus route, laluan bas, bus late, bas lambat, bas tidak datang,
       bus never came, rapid kl, rapid bus, bas rapid, mybas, bas mini, lrt, mrt, monorail, komuter, ktm, ets,
       train, trains, tren, kereta api, railway, teksi, taxi, taxis, e hailing, grab, maxim,
       apad, spad, lembaga pengangkutan, lpkp, permit teksi, lori terlebih muatan, overloaded lorry, bas ekspres,
       express bus, tiket bas, bus ticket, feri, ferry, penerbangan, flight, airport, lapangan terbang
    2: stesen, station
    2.5: bas, bus, buses, pemandu bas, bus driver, penumpang, passenger, passengers, tambang, fare, fares
    1: lesen, licence
  `,
  safety: `
    3: polis, police, pdrm, balai polis, police station, jenayah, crime, crimes, criminal, pecah rumah,
       break in, breakin, burglary, burglar, pencuri, thief, thieves, curi, dicuri, stolen, theft, mencuri,
       ragut, snatch theft, snatch thief, rompak, rompakan, robbery, robbed, samun, penyamun, dadah, drugs,
       drug addict, penagih, penagih dadah, pengedar dadah, drug dealer, gaduh, bergaduh, pergaduhan, fight,
       fighting, fights, gangster, gengster, samseng, gangsterism, ugut, ugutan, threat, threatened, threatening,
       vandal, vandalism, vandalisme, mabuk, drunk, keselamatan, safety, unsafe, cctv,
       peronda, rondaan, patrol, kes tembak, shooting, tikam, stabbing, pisau, knife, senjata, weapon,
       pecah kereta, car break in, dirt bike, dirt bikes, atv, atvs, quad bikes, ran a red light, running red lights,
       beat the red light, langgar lampu merah, wrong way, lawan arus, speeding, laju, memandu laju, drug dealing, loitering,
       lepak, mencurigakan, prostitution, pelacuran, curi motor, motorcycle theft, kereta dicuri, stolen car, along, loan shark,
       ah long, mencurigakan, suspicious, penculikan, kidnap, mencabul, molest,
       lumba haram, illegal racing, mat rempit, rempit, memandu melulu, reckless driving, road bully, buli jalan raya
    1: bahaya, dangerous, takut, afraid, scared, scary, risau
  `,
  immigration: `
    3: imigresen, immigration, jim, passport, pasport, passports, visa, visas, permit kerja, work permit,
       pass lawatan, visit pass, pati, pendatang asing tanpa izin, pendatang tanpa izin, pendatang asing,
       illegal immigrant, illegal immigrants, undocumented, undocumented migrants, pendatang haram,
       warga asing, foreigners, foreigner, overstay, overstayed, tinggal lebih masa, deport, deportation,
       usir, depot imigresen, detention depot, mdac, expatriate, expat, ekspatriat, dependant pass,
       mm2h, pas pelajar, student pass, sempadan, border, kastam, customs, renew passport, pasport hilang,
       lost passport, pas kerja, employment pass, rehiring, rekalibrasi, permit pekerja asing,
       foreign worker permit, levi, levy, fomema
    2.5: pekerja asing, foreign worker, foreign workers
    2: asing, foreign, bangladesh, indonesia, myanmar, nepal, rohingya, rumah kongsi
  `,
  wildlife: `
    3: perhilitan, hidupan liar, haiwan liar, wild animal, wild animals, wildlife, gajah, elephant, elephants,
       harimau, tiger, tigers, beruang, bear, bears, buaya, crocodile, crocodiles, croc, babi hutan, wild boar,
       wild boars, monyet, monkey, monkeys, kera, beruk, macaque, macaques, lotong, ular, snake, snakes,
       ular sawa, python, pythons, sawa, tedung, cobra, king cobra, biawak, monitor lizard, tapir, seladang,
       gaur, landak, porcupine, tenggiling, pangolin, burung hantu, owl, memerangkap, perangkap, trap, traps,
       pemburu haram, poaching, poacher, poachers, burung enggang, hornbill, orang utan, orangutan, musang,
       civet, lebah liar, sarang tebuan, hornet nest, beehive
    2: liar, wild, hutan, jungle, forest, tangkap, catch, capture, ceroboh kebun, ladang
  `,
  telecoms: `
    3: telco, telekomunikasi, telecommunication, telecommunications, mcmc, skmm, internet, wifi, wi fi,
       broadband, fibre, fiber, unifi, streamyx, time internet, maxis, celcom, digi, celcomdigi, umobile,
       u mobile, yes 4g, coverage, liputan, line telefon, signal, isyarat telefon, no signal, tiada line,
       line lemah, poor coverage, weak signal, dropped calls, call drop, menara telekomunikasi, telco tower,
       menara telco, cell tower, pencawang telco, data mobile, mobile data, 4g, 5g, 3g, internet perlahan,
       slow internet, internet lembap, internet putus, scam call, scam calls, panggilan penipuan, sms penipuan,
       scam sms, scam message, mesej penipuan, macau scam, phishing, spam calls, spam sms, kabel telefon,
       telephone cable, landline, talian tetap, prepaid, postpaid, telefon bimbit, mobile phone, handphone
    2.5: telefon, phone, panggilan, sms, mesej
    2: line, call, calls, message, messages
    1: online, lembap, slow
  `,
};
