"""Near-duplicate detection: syndicated copies are caught, same-topic stories are not.

The articles below are invented for these tests.
"""

from __future__ import annotations

import pytest

from aliansi.clean.dedup import NearDuplicateIndex, shingle_hashes

ID_STORY = """ASTANA, Rabu (12/3/2025) - Menteri Pertahanan Kazakhstan dan Menteri Pertahanan Turki menandatangani nota kesepahaman kerja sama militer di Astana pada Rabu. Perjanjian itu mencakup pelatihan perwira, latihan gabungan di wilayah Kaspia, dan produksi bersama kendaraan lapis baja ringan.

Dalam konferensi pers bersama, kedua menteri mengatakan kerja sama tersebut tidak ditujukan kepada negara ketiga. Menurut juru bicara kementerian, Ankara akan mengirim tim teknis ke pabrik di Petropavl bulan depan untuk memulai perakitan.

Pengamat di Almaty menilai langkah itu sebagai bagian dari upaya Kazakhstan memperluas mitra keamanannya di luar Organisasi Perjanjian Keamanan Kolektif. Namun, pejabat Kazakhstan menegaskan bahwa negaranya tetap menjalankan semua kewajiban sebagai anggota blok yang dipimpin Moskow itu.

Kremlin belum memberikan tanggapan resmi. Seorang anggota parlemen Rusia menyebut perjanjian itu sebagai hak berdaulat Kazakhstan, tetapi meminta Astana menjelaskan rincian produksi kendaraan tersebut.

Turki dan Kazakhstan sama-sama anggota Organisasi Negara-Negara Turkik. Volume perdagangan kedua negara naik sekitar sepuluh persen tahun lalu, terutama di sektor energi dan konstruksi.

Kementerian Pertahanan Turki menyatakan latihan gabungan pertama dijadwalkan berlangsung pada musim panas dan akan melibatkan sekitar lima ratus personel dari kedua negara. Kedua pihak juga sepakat membentuk kelompok kerja yang akan bertemu dua kali setahun."""

# The same story as another outlet runs it: site header, new headline, its own dateline,
# one sentence cut, one sentence of its own, "Baca juga" insert and a share/author footer.
ID_SYNDICATED = """Berita Militer dan Alutsista

Kazakhstan Gandeng Turki, Produksi Kendaraan Lapis Baja Bersama

JAKARTA, KOMPAS - Menteri Pertahanan Kazakhstan dan Menteri Pertahanan Turki menandatangani nota kesepahaman kerja sama militer di Astana pada Rabu. Perjanjian itu mencakup pelatihan perwira, latihan gabungan di wilayah Kaspia, dan produksi bersama kendaraan lapis baja ringan.

Dalam konferensi pers bersama, kedua menteri mengatakan kerja sama tersebut tidak ditujukan kepada negara ketiga. Menurut juru bicara kementerian, Ankara akan mengirim tim teknis ke pabrik di Petropavl bulan depan untuk memulai perakitan.

MEMBACA JUGA: Tokayev Kunjungi Beijing, Bahas Jalur Kereta Baru

Pengamat di Almaty menilai langkah itu sebagai bagian dari upaya Kazakhstan memperluas mitra keamanannya di luar Organisasi Perjanjian Keamanan Kolektif. Namun, pejabat Kazakhstan menegaskan bahwa negaranya tetap menjalankan semua kewajiban sebagai anggota blok yang dipimpin Moskow itu.

Kremlin belum memberikan tanggapan resmi. Seorang anggota parlemen Rusia menyebut perjanjian itu sebagai hak berdaulat Kazakhstan, tetapi meminta Astana menjelaskan rincian produksi kendaraan tersebut.

Turki dan Kazakhstan sama-sama anggota Organisasi Negara-Negara Turkik. Hubungan kedua negara disebut terus menguat sejak kunjungan Presiden Erdogan tahun lalu.

Kementerian Pertahanan Turki menyatakan latihan gabungan pertama dijadwalkan berlangsung pada musim panas dan akan melibatkan sekitar lima ratus personel dari kedua negara. Kedua pihak juga sepakat membentuk kelompok kerja yang akan bertemu dua kali setahun.

Bagikan: Facebook Twitter WhatsApp
Penulis: Redaksi Internasional | Editor: Dewi Lestari
Ikuti kami di Google News"""

# A third copy that keeps the original's dateline but drops the last paragraph.
ID_THIRD_COPY = ID_STORY.rsplit("\n\n", 1)[0] + "\n\nSumber: kantor berita setempat."

# Same actors, same topic, much shared vocabulary: a different story.
ID_SAME_TOPIC = """ANKARA, Kamis (20/3/2025) - Presiden Turki Recep Tayyip Erdogan menerima Presiden Kazakhstan Kassym-Jomart Tokayev di Ankara untuk membahas kerja sama pertahanan dan energi kedua negara.

Kedua presiden menyaksikan penandatanganan perjanjian pembangunan pabrik drone di dekat Astana. Menurut kantor kepresidenan Turki, perusahaan Turki akan memindahkan sebagian teknologi produksinya ke Kazakhstan dalam tiga tahun.

Tokayev mengatakan Kazakhstan ingin memperkuat industri pertahanan dalam negerinya dan tidak berniat bergantung pada satu pemasok. Ia menegaskan kemitraan dengan Ankara tidak bertentangan dengan keanggotaan Kazakhstan dalam Organisasi Perjanjian Keamanan Kolektif.

Erdogan memuji Kazakhstan sebagai mitra strategis di Asia Tengah dan mengusulkan agar latihan militer kedua negara diperluas ke wilayah Laut Hitam. Ia juga mengundang Kazakhstan berpartisipasi dalam pameran industri pertahanan di Istanbul.

Juru bicara Kremlin Dmitry Peskov ketika ditanya wartawan mengatakan Moskow menghormati hak Kazakhstan untuk memilih mitra, tetapi berharap kerja sama itu tidak merugikan kepentingan sekutu. Rusia masih menjadi pemasok senjata terbesar bagi Kazakhstan.

Kedua pemimpin juga membahas rute perdagangan melalui Laut Kaspia yang menghindari wilayah Rusia, serta rencana meningkatkan volume perdagangan menjadi sepuluh miliar dolar."""

EN_STORY = """YEREVAN, October 5, 2025 (AFP) - Armenia and France signed an agreement on Thursday for the delivery of twelve armoured personnel carriers and a package of night-vision equipment, the Armenian defence ministry said.

The deal was signed in Yerevan by Armenian Defence Minister Suren Papikyan and a senior official of the French armed forces ministry. It follows an earlier contract for three air-defence radars that Paris agreed to supply two years ago.

Papikyan said the vehicles would be used to protect border villages and that Armenia was diversifying its defence partnerships after years of relying almost entirely on Russian weapons.

Azerbaijan's foreign ministry condemned the agreement, saying France was fuelling an arms race in the South Caucasus and undermining the peace process between Baku and Yerevan.

Moscow, which keeps a military base in the Armenian city of Gyumri, said it was watching the deliveries closely. A Kremlin spokesman said Armenia remained a formal ally but that its choices had consequences.

Armenia froze its participation in the Russian-led Collective Security Treaty Organization last year and has sought closer ties with the European Union. France has promised further training for Armenian officers in the coming months, the ministry added."""

EN_SYNDICATED = """World News | Defence

France to supply armoured vehicles to Armenia in new arms deal

PARIS, Oct 5 (Reuters) - Armenia and France signed an agreement on Thursday for the delivery of twelve armoured personnel carriers and a package of night-vision equipment, the Armenian defence ministry said.

The deal was signed in Yerevan by Armenian Defence Minister Suren Papikyan and a senior official of the French armed forces ministry. It follows an earlier contract for three air-defence radars that Paris agreed to supply two years ago.

Papikyan said the vehicles would be used to protect border villages and that Armenia was diversifying its defence partnerships after years of relying almost entirely on Russian weapons.

Azerbaijan's foreign ministry condemned the agreement, saying France was fuelling an arms race in the South Caucasus and undermining the peace process between Baku and Yerevan.

Moscow, which keeps a military base in the Armenian city of Gyumri, said it was watching the deliveries closely. The French embassy in Moscow declined to comment.

Armenia froze its participation in the Russian-led Collective Security Treaty Organization last year and has sought closer ties with the European Union.

Reporting by Staff; Editing by Desk Editor
Our Standards: The Thomson Reuters Trust Principles.
Share this article: Facebook | X | LinkedIn | Email"""

EN_SAME_TOPIC = """BAKU, October 9, 2025 (AP) - Azerbaijan summoned the French ambassador on Monday to protest against the sale of armoured vehicles to Armenia, the latest sign of strained relations between Baku and Paris.

The Azerbaijani foreign ministry said France was arming Armenia and undermining the peace process in the South Caucasus, and warned that the deliveries could destabilise the region.

French officials rejected the accusation, saying the equipment was defensive and that France supported a lasting peace agreement between Armenia and Azerbaijan based on mutual recognition of borders.

Relations between Azerbaijan and France have deteriorated since Baku retook Karabakh in a lightning offensive. Azerbaijan has accused Paris of backing separatist movements in French overseas territories, which France denies.

Russia, which once dominated arms sales to both countries, has watched its influence in the region decline. Armenia has frozen its participation in the Russian-led Collective Security Treaty Organization, while Azerbaijan has deepened military ties with Turkey.

The ambassador was handed a note of protest, and the ministry said further steps would depend on whether France went ahead with the deliveries announced by the Armenian defence ministry last week."""


def _index() -> NearDuplicateIndex:
    return NearDuplicateIndex()


@pytest.mark.parametrize(
    ("original", "copy"),
    [(ID_STORY, ID_SYNDICATED), (EN_STORY, EN_SYNDICATED)],
    ids=["id", "en"],
)
def test_syndicated_copy_is_detected(original, copy):
    index = _index()
    assert index.check_and_add("original", original) is None
    assert index.check_and_add("copy", copy) == "original"


@pytest.mark.parametrize(
    ("original", "other"),
    [(ID_STORY, ID_SAME_TOPIC), (EN_STORY, EN_SAME_TOPIC), (ID_SYNDICATED, ID_SAME_TOPIC)],
    ids=["id", "en", "id-syndicated"],
)
def test_same_topic_different_story_is_not_a_duplicate(original, other):
    index = _index()
    assert index.check_and_add("original", original) is None
    assert index.check_and_add("other", other) is None


def test_third_copy_points_to_the_first():
    index = _index()
    assert index.check_and_add("a", ID_STORY) is None
    assert index.check_and_add("b", ID_SYNDICATED) == "a"
    assert index.check_and_add("c", ID_THIRD_COPY) == "a"
    assert index.check_and_add("d", ID_SAME_TOPIC) is None
    assert index.check_and_add("e", ID_SAME_TOPIC + "\n\nBagikan: Facebook Twitter") == "d"


def test_group_root_is_earliest_even_when_only_a_later_copy_matches():
    # "b" shares most of "a"; "c" is closer to "b" than to "a" but still belongs to a's group.
    index = _index()
    index.check_and_add("a", ID_STORY)
    assert index.check_and_add("b", ID_SYNDICATED) == "a"
    third = ID_SYNDICATED.replace("Berita Militer dan Alutsista", "Kabar Dunia Hari Ini")
    assert index.check_and_add("c", third) == "a"


def test_shared_articles_are_not_duplicates_of_each_other(shared_dir, seed_gold, dev_gold):
    index = _index()
    for split, gold in (("seeds", seed_gold), ("dev", dev_gold)):
        for line in gold:
            text = (shared_dir / "corpus" / split / f"{line['article']}.txt").read_text(encoding="utf-8")
            assert index.check_and_add(line["article"], text) == line.get("duplicate_of")
    assert len(index) == len(seed_gold) + len(dev_gold)


def test_deterministic_across_instances():
    first, second = _index(), _index()
    assert first.minhash(EN_STORY).digest().tolist() == second.minhash(EN_STORY).digest().tolist()


def test_normalisation_ignores_case_and_punctuation():
    assert shingle_hashes("Putin, bertemu ERDOGAN di Sochi!") == shingle_hashes("putin bertemu erdogan di sochi")
    assert shingle_hashes("Putin bertemu Erdogan") != shingle_hashes("Erdogan bertemu Putin")


def test_short_text_is_one_shingle():
    assert len(shingle_hashes("Putin bertemu")) == 1
    assert len(shingle_hashes("Putin bertemu Erdogan di Sochi")) == 3


def test_empty_text_is_never_a_duplicate():
    index = _index()
    assert index.check_and_add("a", "") is None
    assert index.check_and_add("b", "  ... ") is None
    assert "a" not in index


def test_same_id_twice_is_an_error():
    index = _index()
    index.check_and_add("a", EN_STORY)
    with pytest.raises(ValueError, match="already"):
        index.check_and_add("a", EN_STORY)


def test_threshold_must_be_a_similarity():
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)


@pytest.mark.parametrize("recent", [1, 2, 3])
def test_copies_are_found_across_merges_of_the_band_keys(recent):
    # With a tiny RECENT the originals sit in the sorted arrays, in the dict, or in both, when the copies come.
    index = NearDuplicateIndex()
    index.RECENT = recent
    assert index.check_and_add("id", ID_STORY) is None
    assert index.check_and_add("en", EN_STORY) is None
    assert index.check_and_add("id-other", ID_SAME_TOPIC) is None
    assert index.check_and_add("en-copy", EN_SYNDICATED) == "en"
    assert index.check_and_add("id-copy", ID_SYNDICATED) == "id"
    assert index.check_and_add("en-other", EN_SAME_TOPIC) is None
    assert len(index) == 6
