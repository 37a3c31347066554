"""A deterministic synthetic news corpus for benchmarks: Indonesian and English articles of 300-800
words (for the default mean of 500) built from templates written for this project, with the
boilerplate real pages carry and syndicated copies.

    python bench/corpus.py --articles 1000 --out /tmp/corpus.jsonl [--seed 7] [--words 500]

What makes it realistic enough to time the pipeline on:
- Event sentences (a dyad, a verb pattern the coder knows, a date or a place) mixed with background
  sentences without an event, so an article carries 12-20 events per 500 words, as the shared
  gold articles do.
- Sentences are assembled from short parts with many fillers (people, cities, sectors, numbers,
  days), so two different stories share few word 3-grams (Jaccard about 0.05, like real stories on
  one topic) while a syndicated copy keeps most of them (above 0.6): the near-duplicate index has
  the work it has on real news, not a candidate in every article.
- Boilerplate from the seed articles' kinds: "Baca juga" / "MEMBACA" inserts, captions, gambling
  spam lines and links, share and author footers, a repeated headline.
- About 5% syndicated copies of an earlier story: another outlet's header and footer, a new
  headline, one paragraph dropped.

The same seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import NamedTuple

# ------------------------------------------------------------------------------ fillers

STATES = {
    "id": ["Rusia", "Azerbaijan", "Armenia", "Kazakhstan", "Turki", "Georgia", "Uzbekistan", "Iran", "Inggris",
           "Prancis", "Jerman", "Tiongkok", "Ukraina", "Kirgistan", "Tajikistan", "Belarus", "Polandia", "Finlandia"],
    "en": ["Russia", "Azerbaijan", "Armenia", "Kazakhstan", "Turkey", "Georgia", "Uzbekistan", "Iran", "Britain",
           "France", "Germany", "China", "Ukraine", "Kyrgyzstan", "Tajikistan", "Belarus", "Poland", "Finland"],
}
BLOCS = {"id": ["NATO", "CSTO", "Uni Eropa", "SCO", "Uni Ekonomi Eurasia", "BRICS"],
         "en": ["NATO", "the CSTO", "the European Union", "the SCO", "the Eurasian Economic Union", "BRICS"]}
OFFICIALS = {
    "id": ["Presiden {s}", "Menteri Luar Negeri {s}", "Menteri Pertahanan {s}", "Perdana Menteri {s}",
           "Kementerian Luar Negeri {s}", "Kementerian Pertahanan {s}", "Pemerintah {s}", "Angkatan Bersenjata {s}"],
    "en": ["the president of {s}", "the foreign minister of {s}", "the defence minister of {s}",
           "the prime minister of {s}", "the {s} foreign ministry", "the {s} defence ministry", "the government of {s}",
           "the armed forces of {s}"],
}
CITIES = ["Baku", "Yerevan", "Astana", "Almaty", "Tashkent", "Samarkand", "Tbilisi", "Batumi", "Ankara", "Istanbul",
          "Moskow", "Kazan", "Teheran", "Bishkek", "Dushanbe", "Minsk", "Warsawa", "Helsinki", "Berlin", "Brussel",
          "Jenewa", "Wina", "Doha", "Abu Dhabi", "Aktau", "Ganja", "Gyumri", "Shymkent", "Bukhara", "Kutaisi"]
SECTORS = {
    "id": ["energi", "gas alam", "minyak bumi", "gandum", "pupuk", "kereta api", "pelabuhan", "listrik", "pariwisata",
           "pendidikan tinggi", "kesehatan", "teknologi digital", "perbankan", "logistik", "pertanian", "air bersih",
           "industri baja", "tekstil", "penerbangan sipil", "energi terbarukan", "pertambangan", "telekomunikasi"],
    "en": ["energy", "natural gas", "crude oil", "wheat", "fertiliser", "railways", "ports", "electricity", "tourism",
           "higher education", "health care", "digital technology", "banking", "logistics", "agriculture",
           "water supply", "steel", "textiles", "civil aviation", "renewable energy", "mining", "telecoms"],
}
DAYS = {"id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                 "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}
OUTLETS = ["Kabar Dunia", "Warta Global", "Berita Kawasan", "Jurnal Eurasia", "Suara Internasional", "Pos Diplomatik"]

# ------------------------------------------------------------------------------ event sentences
# {a}, {b}: states; {A}, {B}: a state or one of its officials; {c}: a bloc; {city}, {day}, {sector}: fillers.

EVENTS = {
    "id": [
        "{A} bertemu {B} di {city} pada {day} untuk membahas kerja sama {sector}.",
        "{A} menandatangani perjanjian kerja sama {sector} dengan {b} di {city}.",
        "{A} menggelar latihan militer gabungan dengan pasukan {c} di dekat {city}.",
        "{A} menuduh {b} melanggar kesepakatan gencatan senjata di sekitar {city}.",
        "{A} mengecam serangan drone terhadap fasilitas {sector} di {city} dan menuntut penyelidikan.",
        "{A} dijadwalkan mengunjungi {b} pekan depan untuk pembicaraan tentang {sector}.",
        "{A} mengirimkan bantuan kemanusiaan ke {b} setelah banjir melanda wilayah dekat {city}.",
        "Menurut seorang analis di {city}, {a} dapat keluar dari {c} jika tekanan ekonomi terus meningkat.",
        "{A} menjatuhkan sanksi terhadap sejumlah perusahaan {sector} asal {b}.",
        "{A} memanggil duta besar {b} untuk memprotes pernyataan pejabatnya pada {day}.",
        "{A} menolak tuduhan {b} bahwa pasukannya menembaki desa di dekat {city}.",
        "{A} berjanji membantu {b} membangun kembali jaringan {sector} yang rusak.",
        "{A} menyambut baik keputusan {b} untuk membuka kembali perbatasan di dekat {city}.",
        "{A} mengancam akan membalas jika {b} menempatkan rudal di dekat perbatasan.",
    ],
    "en": [
        "{A} met {b} in {city} on {day} to discuss cooperation on {sector}.",
        "{A} signed a {sector} cooperation agreement with {b} in {city}.",
        "{A} held joint military exercises with {c} forces near {city}.",
        "{A} accused {b} of violating the ceasefire around {city}.",
        "{A} condemned the drone attack on {sector} facilities in {city} and demanded an investigation.",
        "{A} is scheduled to visit {b} next week for talks on {sector}.",
        "{A} sent humanitarian aid to {b} after floods hit the area near {city}.",
        "{A} could leave {c} if economic pressure keeps rising, an analyst in {city} said.",
        "{A} imposed sanctions on several {sector} companies from {b}.",
        "{A} summoned the ambassador of {b} to protest remarks made by its officials on {day}.",
        "{A} rejected accusations by {b} that its troops shelled villages near {city}.",
        "{A} promised to help {b} rebuild its damaged {sector} network.",
        "{A} welcomed the decision by {b} to reopen the border near {city}.",
        "{A} threatened to retaliate if {b} deployed missiles near the border.",
    ],
}

# ------------------------------------------------------------------------------ background sentences
# Built from a subject, a predicate and a tail, each with fillers: thousands of distinct sentences.

BACKGROUND = {
    "id": {
        "subject": ["Para pengamat di {city}", "Sejumlah ekonom", "Data resmi yang dirilis pada {day}", "Laporan bank sentral",
                    "Warga {city}", "Pelaku usaha sektor {sector}", "Media lokal", "Sebuah survei lembaga independen",
                    "Anggota parlemen dari daerah {city}", "Para diplomat yang ditemui di {city}"],
        "predicate": ["memperkirakan harga {sector} naik sekitar {n} persen", "mencatat nilai ekspor {sector} turun {n} persen",
                      "menilai investasi di sektor {sector} masih tertinggal", "menyebut antrean di pelabuhan {city} mencapai {n} kilometer",
                      "melaporkan sekitar {n} ribu orang kehilangan pekerjaan", "mengatakan proyek {sector} senilai {n} juta dolar tertunda",
                      "menyoroti kekurangan tenaga ahli di bidang {sector}", "memperingatkan bahwa cadangan {sector} hanya cukup {n} hari"],
        "tail": ["sepanjang bulan {month}", "sejak awal tahun", "menurut catatan yang beredar di {city}",
                 "meski pemerintah menjanjikan perbaikan", "dalam {n} bulan terakhir", "di tengah musim dingin yang panjang",
                 "setelah pemilu daerah bulan {month}", "di wilayah sekitar {city}"],
    },
    "en": {
        "subject": ["Observers in {city}", "Several economists", "Official data released on {day}", "A central bank report",
                    "Residents of {city}", "Companies in the {sector} sector", "Local media", "An independent survey",
                    "Lawmakers from the {city} region", "Diplomats met in {city}"],
        "predicate": ["expect {sector} prices to rise by about {n} percent", "recorded a {n} percent fall in {sector} exports",
                      "say investment in {sector} is still lagging", "describe queues at the port of {city} stretching {n} kilometres",
                      "report that about {n} thousand people lost their jobs", "say a {n} million dollar {sector} project was delayed",
                      "point to a shortage of {sector} specialists", "warn that {sector} reserves would last only {n} days"],
        "tail": ["throughout {month}", "since the start of the year", "according to figures circulating in {city}",
                 "although the government has promised improvements", "over the past {n} months", "during a long winter",
                 "after regional elections in {month}", "in the area around {city}"],
    },
}
# Share of sentences without an event: background, figures and commentary make up most of a story.
# At 0.7 an article of 500 words carries about 14 events, as the shared gold articles do (12-20).
BACKGROUND_SHARE = 0.7
# A story is about a few states and places, not the whole region: its cast.
CAST_STATES = (3, 5)
CAST_CITIES = 4

# ------------------------------------------------------------------------------ boilerplate

INSERTS = {
    "id": ["Baca juga: Harga {sector} Hari Ini Naik Tipis di {city}", "MEMBACA BERITA LAINNYA DI KANAL DUNIA",
           "Foto: Dokumentasi Kementerian Luar Negeri", "Scroll ke bawah untuk melanjutkan membaca",
           "Slot gacor hari ini rtp live {n} situs terpercaya", "Baca Juga:"],
    "en": ["Related: {sector} markets close higher in {city}", "Photo: Ministry of Foreign Affairs",
           "Scroll down to continue reading", "Read more: Analysts weigh the outlook for {sector}", "Advertisement"],
}
FOOTERS = {
    "id": ["Editor: Redaksi Dunia | Penulis: Tim Internasional", "Bagikan: Facebook Twitter WhatsApp",
           "Ikuti berita terkini dari kami di Google News", "Klik di sini untuk situs slot gacor maxwin {n}"],
    "en": ["Share this: Facebook Twitter Email", "Editing by the world desk", "Follow us for more world news",
           "Copyright {n} All rights reserved"],
}

# About what the headline, the inserts and the footer add, so that the whole text has `words` words.
BOILERPLATE_WORDS = 60
# Words per article as a share of the requested mean: 300-800 words, most near 400, for the default 500.
LENGTH_LOW, LENGTH_MODE, LENGTH_HIGH = 0.6, 0.8, 1.6


class Story(NamedTuple):
    lang: str
    states: list[str]
    cities: list[str]


def article(rng: random.Random, number: int, words: int) -> dict:
    lang = "id" if rng.random() < 0.7 else "en"
    story = Story(lang, rng.sample(STATES[lang], rng.randint(*CAST_STATES)), rng.sample(CITIES, CAST_CITIES))
    target = round(rng.triangular(LENGTH_LOW * words, LENGTH_HIGH * words, LENGTH_MODE * words))
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    city = story.cities[0]
    if lang == "id":
        dateline = f"{city.upper()}, {DAYS['id'][rng.randrange(7)]} ({day}/{month}/2024) - "
    else:
        dateline = f"{city.upper()}, {MONTHS['en'][month - 1]} {day}, 2024 (Reuters) - "
    paragraphs, count = [], 0
    while not paragraphs or count < target - BOILERPLATE_WORDS:
        text = " ".join(_sentence(rng, story) for _ in range(rng.randint(2, 4)))
        paragraphs.append(text)
        count += len(text.split())
    paragraphs[0] = dateline + paragraphs[0]
    title = _title(paragraphs[0].split(" - ", 1)[-1])
    for _ in range(rng.randint(1, 2)):
        paragraphs.insert(rng.randint(1, len(paragraphs)), _fill(rng, story, rng.choice(INSERTS[lang])))
    paragraphs.append(_fill(rng, story, rng.choice(FOOTERS[lang])))
    if rng.random() < 0.3:  # some pages repeat the headline above the body
        paragraphs.insert(0, title)
    return {"id": f"bench-{number:06d}", "title": title, "text": title + "\n\n" + "\n\n".join(paragraphs)}


def syndicated(rng: random.Random, number: int, original: dict) -> dict:
    """Another outlet's copy: its own header and footer, a new headline, one paragraph dropped."""
    paragraphs = original["text"].split("\n\n")[1:]
    if len(paragraphs) > 4:
        del paragraphs[rng.randrange(2, len(paragraphs) - 1)]
    outlet = rng.choice(OUTLETS)
    title = f"{original['title']} ({outlet})"
    text = "\n\n".join([title, outlet, *paragraphs, f"Artikel ini telah tayang di {outlet}."])
    return {"id": f"bench-{number:06d}", "title": title, "text": text}


def _sentence(rng: random.Random, story: Story) -> str:
    lang = story.lang
    if rng.random() < BACKGROUND_SHARE:
        parts = BACKGROUND[lang]
        sentence = " ".join(rng.choice(parts[part]) for part in ("subject", "predicate", "tail")) + "."
        return _fill(rng, story, sentence)
    a, b = rng.sample(story.states, 2)
    # {A} and {B}: the state itself or one of its officials ("Menteri Pertahanan Rusia").
    big_a, big_b = (rng.choice(OFFICIALS[lang]).format(s=s) if rng.random() < 0.6 else s for s in (a, b))
    sentence = rng.choice(EVENTS[lang]).format(A=big_a, B=big_b, a=a, b=b, c=rng.choice(BLOCS[lang]),
                                               city="{city}", day="{day}", sector="{sector}")
    return _fill(rng, story, sentence[0].upper() + sentence[1:])


def _fill(rng: random.Random, story: Story, text: str) -> str:
    # Mostly the story's own places; now and then another one, as background mentions go.
    city = rng.choice(story.cities) if rng.random() < 0.8 else rng.choice(CITIES)
    return text.format(city=city, day=rng.choice(DAYS[story.lang]), sector=rng.choice(SECTORS[story.lang]),
                       month=rng.choice(MONTHS[story.lang]), n=rng.randint(2, 950))


def _title(first_paragraph: str) -> str:
    return first_paragraph.split(".")[0][:90]


def corpus(n: int, *, seed: int = 7, words: int = 500, copy_share: float = 0.05) -> list[dict]:
    """n articles of `words` words on average; about `copy_share` of them are syndicated copies."""
    rng = random.Random(seed)
    made: list[dict] = []
    for number in range(n):
        if made and rng.random() < copy_share:
            made.append(syndicated(rng, number, rng.choice(made)))
        else:
            made.append(article(rng, number, words))
    return made


def write(path: Path, n: int, *, seed: int = 7, words: int = 500) -> Path:
    """The corpus as JSONL, the format `aliansi code`, `ingest` and `spark` all read."""
    with path.open("w", encoding="utf-8") as out:
        for record in corpus(n, seed=seed, words=words):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500, help="mean words per article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.out, args.articles, seed=args.seed, words=args.words)


if __name__ == "__main__":
    main()
