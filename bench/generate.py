"""A deterministic synthetic catalogue of N documents in the project's own model, for benchmarks.

    python bench/generate.py 10000 bench/work/catalogue-10000.ttl

About 25 triples a document: people and organisations, the four nations, review types, topics, and
journal articles with issues and volumes. The file carries the shipped vocabularies it refers to
(jurisdictions, concept schemes, review types, sources), so it passes the project's SHACL shapes and
`casereviews serve --data OUT.ttl` serves it. The same N always gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUPPORT_FILES = ["jurisdictions.ttl", "concepts.ttl", "review-types.ttl", "sources.ttl", "agents.ttl"]
NATIONS = ["england", "scotland", "wales", "northern-ireland"]
REVIEW_TYPES = {
    "england": ["serious-case-review-england", "local-child-safeguarding-practice-review"],
    "scotland": ["significant-case-review-scotland", "learning-review"],
    "wales": ["child-practice-review", "single-unified-safeguarding-review"],
    "northern-ireland": ["case-management-review"],
}
TOPICS = [
    "case-reviews",
    "disabled-children",
    "looked-after-children",
    "minority-ethnic-children",
    "physical-abuse",
    "sexual-abuse",
    "sexual-exploitation",
    "under-ones",
]
WORDS = [
    "learning",
    "practice",
    "review",
    "safeguarding",
    "children",
    "families",
    "agencies",
    "audit",
    "neglect",
    "recommendations",
    "systems",
    "serious",
    "case",
    "outcomes",
    "analysis",
    "multi-agency",
]
CITIES = ["London", "Edinburgh", "Cardiff", "Belfast", "Exeter", "Leeds"]
PREFIXES = """@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix cr: <def/casereviews#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def generate(count: int, seed: int = 2013) -> str:
    rng = random.Random(seed * 1_000_003 + count)
    people, organisations, journals = max(10, count // 5), max(5, count // 50), max(3, count // 500)
    out = [(PROJECT_ROOT / "data" / name).read_text(encoding="utf-8") for name in SUPPORT_FILES]
    out.append(PREFIXES)
    for p in range(people):
        family = f"Family{p:06d}"
        out.append(
            f'<id/person/p{p:06d}> a schema:Person ; rdfs:label "{chr(65 + p % 26)}. {family}"@en ; '
            f'schema:name "{chr(65 + p % 26)}. {family}"@en ; schema:familyName "{family}" ; '
            f'schema:givenName "{chr(65 + p % 26)}." ; dcterms:source <id/source/facts-and-sources> .'
        )
    for o in range(organisations):
        out.append(
            f'<id/organisation/o{o:05d}> a schema:Organization ; rdfs:label "Organisation {o}"@en ; '
            f'schema:name "Organisation {o}"@en ; dcterms:source <id/source/facts-and-sources> .'
        )
    for j in range(journals):
        out.append(
            f'<id/periodical/j{j:04d}> a schema:Periodical ; rdfs:label "Journal {j}"@en ; '
            f'schema:name "Journal {j}"@en ; dcterms:source <id/source/facts-and-sources> .'
        )
    issues: set[tuple[int, int, int]] = set()
    for d in range(count):
        nations = [rng.choice(NATIONS)]
        if rng.random() < 0.15:
            nations.append(rng.choice([n for n in NATIONS if n != nations[0]]))
        year = rng.randint(2000, 2024)
        month = rng.randint(1, 12)
        issued = f'"{year}-{month:02d}"^^xsd:gYearMonth' if rng.random() < 0.5 else f'"{year}"^^xsd:gYear'
        authors = rng.sample(range(people), 2)
        words = " ".join(rng.sample(WORDS, 4))
        topic = rng.choice(TOPICS)
        review_type = rng.choice(REVIEW_TYPES[nations[0]])
        article = rng.random() < 0.3
        subject = f"<id/resource/doc{d:07d}>"
        lines = [
            f"{subject} a schema:CreativeWork, {'schema:ScholarlyArticle' if article else 'schema:Report'} ;",
            f'  rdfs:label "Synthetic study {d}: {words}"@en ; dcterms:title "Synthetic study {d}: {words}"@en ;',
            f"  dcterms:issued {issued} ;",
            f"  dcterms:creator <id/person/p{authors[0]:06d}>, <id/person/p{authors[1]:06d}> ;",
            f"  bibo:authorList ( <id/person/p{authors[0]:06d}> <id/person/p{authors[1]:06d}> ) ;",
            f"  dcterms:spatial {', '.join(f'<id/jurisdiction/{n}>' for n in nations)} ;",
            f"  dcterms:type <id/concept/{'journal-article' if article else 'research-report'}> ;",
            f"  dcterms:subject <id/concept/{topic}>, <id/review-type/{review_type}> ;",
            f'  dcterms:abstract "A synthetic abstract about {words} for benchmarking."@en ;',
        ]
        if article:
            journal, volume, number = rng.randrange(journals), year - 1990, rng.randint(1, 4)
            issues.add((journal, volume, number))
            first = rng.randint(1, 400)
            lines.append(
                f"  schema:isPartOf <id/issue/j{journal:04d}-{volume}-{number}> ; "
                f'schema:pageStart "{first}" ; schema:pageEnd "{first + rng.randint(5, 20)}" ;'
            )
        else:
            lines.append(
                f"  dcterms:publisher <id/organisation/o{rng.randrange(organisations):05d}> ; "
                f'cr:placeOfPublication "{rng.choice(CITIES)}" ;'
            )
        lines.append("  dcterms:source <id/source/facts-and-sources> .")
        out.append("\n".join(lines))
    volumes = sorted({(j, v) for j, v, _ in issues})
    for j, v in volumes:
        out.append(
            f'<id/volume/j{j:04d}-{v}> a schema:PublicationVolume ; rdfs:label "Journal {j}, volume {v}"@en ; '
            f'schema:volumeNumber "{v}" ; schema:isPartOf <id/periodical/j{j:04d}> .'
        )
    for j, v, n in sorted(issues):
        out.append(
            f"<id/issue/j{j:04d}-{v}-{n}> a schema:PublicationIssue ; "
            f'rdfs:label "Journal {j}, volume {v}, issue {n}"@en ; schema:issueNumber "{n}" ; '
            f"schema:isPartOf <id/volume/j{j:04d}-{v}> ."
        )
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic catalogue of N documents.")
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(generate(args.count), encoding="utf-8")


if __name__ == "__main__":
    main()
