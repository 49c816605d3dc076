"""The cross-jurisdiction comparison: for each nation, its review types over time, its statutory
guidance editions and the reading list's resources, all drawn from the data."""

from __future__ import annotations

from dataclasses import dataclass, field

from .store.base import Store

NATIONS_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?nation ?name WHERE {
  ?nation skos:inScheme <def/jurisdictions> ; skos:prefLabel ?name ; skos:broader ?uk .
} ORDER BY ?name"""

REVIEW_TYPES_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX cr: <def/casereviews#>
SELECT ?nation ?type ?label ?from ?through WHERE {
  ?type a cr:ReviewType ; dcterms:spatial ?nation ; skos:prefLabel ?label .
  FILTER NOT EXISTS { ?type skos:broader ?broader }
  OPTIONAL { ?type schema:validFrom ?from }
  OPTIONAL { ?type schema:validThrough ?through }
}"""

GUIDANCE_QUERY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?nation ?work ?label ?issued ?replaces WHERE {
  ?work dcterms:type <id/concept/statutory-guidance> ; dcterms:spatial ?nation ; rdfs:label ?label .
  OPTIONAL { ?work dcterms:issued ?issued }
  OPTIONAL { ?work dcterms:replaces ?replaces }
}"""

LIST_RESOURCES_QUERY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
SELECT ?nation ?work ?title ?position WHERE {
  <id/list/nspcc-case-review-reading-list-2013> schema:itemListElement ?entry .
  ?entry schema:item ?work ; schema:position ?position .
  ?work dcterms:spatial ?nation ; dcterms:title ?title .
} ORDER BY ?position"""


@dataclass
class Period:
    iri: str
    label: str
    start: str | None  # the literal as given: "2013", "2013-01" or "2024-10-01"
    end: str | None

    @property
    def start_year(self) -> int | None:
        return int(self.start[:4]) if self.start else None

    @property
    def end_year(self) -> int | None:
        return int(self.end[:4]) if self.end else None

    @property
    def span(self) -> str:
        if self.start and self.end:
            return f"{self.start} to {self.end}"
        if self.end:
            return f"until {self.end}"
        return f"from {self.start}" if self.start else "dates not recorded"


@dataclass
class Edition:
    iri: str
    label: str
    issued: str | None

    @property
    def year(self) -> int | None:
        return int(self.issued[:4]) if self.issued else None


@dataclass
class NationColumn:
    iri: str
    name: str
    review_types: list[Period] = field(default_factory=list)
    guidance: list[Edition] = field(default_factory=list)
    resources: list[tuple[str, str]] = field(default_factory=list)  # (iri, title)


def _order_editions(editions: list[Edition], replaces: dict[str, str]) -> list[Edition]:
    """Editions by date, undated ones after the dated; a chain's order decides what dates cannot."""
    depth: dict[str, int] = {}

    def chain_depth(iri: str, seen: frozenset = frozenset()) -> int:
        if iri in depth:
            return depth[iri]
        earlier = replaces.get(iri)
        depth[iri] = 0 if earlier is None or earlier in seen else chain_depth(earlier, seen | {iri}) + 1
        return depth[iri]

    return sorted(editions, key=lambda e: (e.issued is None, e.issued or "", chain_depth(e.iri), e.label))


def compare_nations(store: Store, base: str) -> list[NationColumn]:
    columns = {
        row["nation"].value: NationColumn(row["nation"].value, row["name"].value)
        for row in store.select(NATIONS_QUERY, base)
    }
    for row in store.select(REVIEW_TYPES_QUERY, base):
        column = columns.get(row["nation"].value)
        if column:
            column.review_types.append(
                Period(
                    row["type"].value,
                    row["label"].value,
                    row["from"].value if "from" in row else None,
                    row["through"].value if "through" in row else None,
                )
            )
    replaces: dict[str, str] = {}
    editions: dict[str, dict[str, Edition]] = {}
    for row in store.select(GUIDANCE_QUERY, base):
        work = row["work"].value
        editions.setdefault(row["nation"].value, {})[work] = Edition(
            work, row["label"].value, row["issued"].value if "issued" in row else None
        )
        if "replaces" in row:
            replaces[work] = row["replaces"].value
    for nation, found in editions.items():
        if nation in columns:
            columns[nation].guidance = _order_editions(list(found.values()), replaces)
    for row in store.select(LIST_RESOURCES_QUERY, base):
        column = columns.get(row["nation"].value)
        if column:
            column.resources.append((row["work"].value, row["title"].value))
    for column in columns.values():
        column.review_types.sort(key=lambda p: (p.start or "0000", p.end or "9999", p.label))
    return sorted(columns.values(), key=lambda c: c.name)


@dataclass(frozen=True)
class Timeline:
    """Layout of the timeline picture: one lane per nation, review types as bars, editions as marks."""

    first_year: int
    last_year: int
    lanes: list[NationColumn]
    width: int = 960
    label_width: int = 140
    lane_height: int = 110

    def x(self, year: float) -> float:
        span = self.last_year + 1 - self.first_year
        return self.label_width + (year - self.first_year) * (self.width - self.label_width - 20) / span

    @property
    def height(self) -> int:
        return 40 + self.lane_height * len(self.lanes)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 2)


def fractional_year(date: str, end: bool = False) -> float:
    """A date literal as a position on the year axis: the start of the period it names, or its end."""
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 else (12 if end else 1)
    day = int(date[8:10]) if len(date) >= 10 else None
    if end:
        return year + (month - 1) / 12 + ((day or 31) / 31) / 12
    return year + (month - 1) / 12 + (((day or 1) - 1) / 31) / 12


def timeline(columns: list[NationColumn]) -> Timeline:
    years = [p.start_year for c in columns for p in c.review_types if p.start_year]
    years += [p.end_year for c in columns for p in c.review_types if p.end_year]
    years += [e.year for c in columns for e in c.guidance if e.year]
    return Timeline(first_year=min(years), last_year=max(years) + 1, lanes=columns)
