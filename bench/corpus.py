"""A deterministic synthetic news corpus for benchmarks: realistic-length Indonesian and English
articles built from templates written for this project, with boilerplate and syndicated copies.

    python bench/corpus.py --articles 1000 --out /tmp/corpus.jsonl [--seed 7] [--words 500]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

STATES_ID = ["Rusia", "Azerbaijan", "Armenia", "Kazakhstan", "Turki", "Georgia", "Uzbekistan", "Iran", "Inggris", "Prancis"]
STATES_EN = ["Russia", "Azerbaijan", "Armenia", "Kazakhstan", "Turkey", "Georgia", "Uzbekistan", "Iran", "Britain", "France"]
BLOCS = ["NATO", "CSTO", "Uni Eropa", "SCO"]

SENTENCES_ID = [
    "Presiden {a} bertemu Presiden {b} di ibu kota untuk membahas kerja sama energi.",
    "Kementerian Pertahanan {a} menandatangani perjanjian kerja sama militer dengan {b} pada Selasa.",
    "Angkatan Bersenjata {a} menggelar latihan gabungan dengan pasukan {c} di dekat perbatasan.",
    "{a} menuduh {b} melanggar kesepakatan gencatan senjata yang disepakati tahun lalu.",
    "Juru bicara Kementerian Luar Negeri {a} mengatakan negaranya tidak akan mengakui hasil pemilu itu.",
    "Para pengamat menilai hubungan kedua negara semakin erat dalam beberapa tahun terakhir.",
    "{a} mengecam serangan drone terhadap infrastruktur energi dan menuntut penyelidikan.",
    "Menteri Luar Negeri {a} dijadwalkan mengunjungi {b} pekan depan untuk pembicaraan lanjutan.",
    "Pemerintah {a} mengirimkan bantuan kemanusiaan ke {b} setelah gempa bumi melanda wilayah selatan.",
    "Menurut analis politik, {a} dapat keluar dari {c} jika tekanan ekonomi terus meningkat.",
    "Perdagangan antara {a} dan {b} mencapai rekor baru pada kuartal pertama tahun ini.",
    "Dalam konferensi pers, ia menegaskan bahwa {a} siap membantu menyelesaikan konflik tersebut.",
]
SENTENCES_EN = [
    "The president of {a} met his counterpart from {b} in the capital to discuss energy cooperation.",
    "The {a} defence ministry signed a military cooperation agreement with {b} on Tuesday.",
    "Troops from {a} held joint exercises with {c} forces near the border.",
    "{a} accused {b} of violating the ceasefire agreed last year.",
    "A foreign ministry spokesman said {a} would not recognise the result of the vote.",
    "Analysts say relations between the two countries have grown closer in recent years.",
    "{a} condemned the drone attack on energy infrastructure and demanded an investigation.",
    "The foreign minister of {a} is scheduled to visit {b} next week for further talks.",
    "{a} sent humanitarian aid to {b} after an earthquake struck the southern region.",
    "{a} could leave {c} if economic pressure keeps rising, one analyst said.",
    "Trade between {a} and {b} reached a record in the first quarter of the year.",
    "At a news conference, he stressed that {a} was ready to help settle the conflict.",
]
# Sentences without an event: background, figures and commentary, which make up most of a real
# story. Mixed in so that a generated article carries about as many events per word as the
# shared and sample articles do (12-20 per 500 words), not one per sentence.
NEUTRAL_ID = [
    "Nilai perdagangan kedua negara tahun lalu tercatat sekitar {n} miliar dolar AS, menurut data resmi.",
    "Wilayah itu memiliki sejarah panjang yang rumit sejak runtuhnya Uni Soviet pada awal 1990-an.",
    "Para analis menilai situasi di kawasan masih sulit diprediksi dalam beberapa bulan mendatang.",
    "Harga energi yang tinggi menjadi salah satu isu utama yang dibicarakan di ibu kota.",
    "Sekitar {n} ribu warga tinggal di daerah perbatasan yang selama ini menjadi sumber ketegangan.",
    "Pengamat mengatakan keputusan tersebut mencerminkan perubahan prioritas kebijakan luar negeri.",
    "Sejumlah media lokal melaporkan suasana di pusat kota tetap tenang sepanjang hari.",
    "Inflasi di negara itu mencapai {n} persen pada kuartal terakhir.",
]
NEUTRAL_EN = [
    "Trade between the two sides was worth about {n} billion dollars last year, official data show.",
    "The region has had a complicated history since the collapse of the Soviet Union in the early 1990s.",
    "Analysts say the situation is likely to remain hard to predict in the coming months.",
    "High energy prices are among the main concerns discussed in the capital.",
    "About {n} thousand people live in the border area, which has long been a source of tension.",
    "Observers said the decision reflected a shift in foreign policy priorities.",
    "Local media reported that the city centre remained calm throughout the day.",
    "Inflation in the country reached {n} percent in the last quarter.",
]
NEUTRAL_SHARE = 0.6

NOISE_ID = ["Baca juga: Harga Emas Hari Ini Naik Tipis", "Foto: Dokumentasi Kementerian", "Editor: Redaksi | Penulis: Tim Dunia", "Share:"]
NOISE_EN = ["Related: Markets close higher on Friday", "Photo: Ministry of Defence", "Share this:", "Tags: world, politics"]


def article(rng: random.Random, number: int, words: int) -> dict:
    indonesian = rng.random() < 0.7
    states, sentences, noise = (STATES_ID, SENTENCES_ID, NOISE_ID) if indonesian else (STATES_EN, SENTENCES_EN, NOISE_EN)
    neutral = NEUTRAL_ID if indonesian else NEUTRAL_EN
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    dateline = f"BAKU, Senin ({day}/{month}/2024) - " if indonesian else f"BAKU, {day:02d}/{month:02d}/2024 (Reuters) - "
    paragraphs, count = [], 0
    while count < words:
        text = " ".join(_sentence(rng, states, sentences, neutral) for _ in range(3))
        paragraphs.append(text)
        count += len(text.split())
    paragraphs[0] = dateline + paragraphs[0]
    paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(noise))
    paragraphs.append(rng.choice(noise))
    title = paragraphs[1].split(".")[0][:90]
    return {"id": f"bench-{number:06d}", "title": title, "text": title + "\n\n" + "\n\n".join(paragraphs)}


def _sentence(rng: random.Random, states: list[str], sentences: list[str], neutral: list[str]) -> str:
    if rng.random() < NEUTRAL_SHARE:
        return rng.choice(neutral).format(n=rng.randint(2, 90))
    a, b = rng.sample(states, 2)
    return rng.choice(sentences).format(a=a, b=b, c=rng.choice(BLOCS))


def corpus(n: int, *, seed: int = 7, words: int = 500, copy_share: float = 0.05):
    """n articles; about `copy_share` of them are syndicated copies of an earlier one with a new footer."""
    rng = random.Random(seed)
    made: list[dict] = []
    for number in range(n):
        if made and rng.random() < copy_share:
            original = rng.choice(made)
            copy = {"id": f"bench-{number:06d}", "title": original["title"],
                    "text": "Kabar Dunia\n\n" + original["text"] + "\n\nArtikel ini telah tayang di mitra kami."}
            made.append(copy)
        else:
            made.append(article(rng, number, words))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for record in corpus(args.articles, seed=args.seed, words=args.words):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
