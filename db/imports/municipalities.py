"""Finding a municipality by its code, OKTMO code or name, as people write them in files."""

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from db.enums import MunicipalityKind
from db.imports.messages import Message, join_alternatives, message
from db.imports.tables import Cell, cell_text
from db.imports.values import InvalidValue
from db.imports.vocabulary import spelling_key

# (id, code, OKTMO code or None, name, kind), as the caller loads them from the database.
MunicipalityRow = tuple[int, str, str | None, str, MunicipalityKind | str]

# The cities that give their names to the region's urban okrugs, where the city's name differs
# from the okrug's adjective: «г. Троицк» is the Троицкий городской округ, never the municipal one.
CITIES_OF_URBAN_OKRUGS = {
    "Верхнеуфалейский городской округ": "Верхний Уфалей",
    "Златоустовский городской округ": "Златоуст",
    "Карабашский городской округ": "Карабаш",
    "Копейский городской округ": "Копейск",
    "Кыштымский городской округ": "Кыштым",
    "Магнитогорский городской округ": "Магнитогорск",
    "Миасский городской округ": "Миасс",
    "Озёрский городской округ": "Озёрск",
    "Снежинский городской округ": "Снежинск",
    "Троицкий городской округ": "Троицк",
    "Усть-Катавский городской округ": "Усть-Катав",
    "Чебаркульский городской округ": "Чебаркуль",
    "Челябинский городской округ": "Челябинск",
    "Южноуральский городской округ": "Южноуральск",
}

_KIND_WORDS = {
    "городской округ": MunicipalityKind.URBAN_OKRUG,
    "го": MunicipalityKind.URBAN_OKRUG,
    "муниципальный округ": MunicipalityKind.MUNICIPAL_OKRUG,
    "мо": MunicipalityKind.MUNICIPAL_OKRUG,
    "муниципальный район": MunicipalityKind.MUNICIPAL_DISTRICT,
    "район": MunicipalityKind.MUNICIPAL_DISTRICT,
    "мр": MunicipalityKind.MUNICIPAL_DISTRICT,
}
_KIND_SUFFIX = re.compile(rf"\s+({'|'.join(sorted(_KIND_WORDS, key=len, reverse=True))})$")
_CITY_PREFIX = re.compile(r"^(?:г\.\s*|г\s+|город\s+)")
# Municipal districts and municipal okrugs are both rural municipalities: a file may still call an
# okrug by its former district name.
_RURAL_KINDS = (MunicipalityKind.MUNICIPAL_OKRUG, MunicipalityKind.MUNICIPAL_DISTRICT)

# Cyrillic letters that look like Latin ones, so that «МО15» typed in Cyrillic finds MO15.
_CODE_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")
_CODE = re.compile(r"([A-Z]+)[\s-]*(\d+)")
_OKTMO = re.compile(r"\d[\d\s]*")
# OKTMO codes of municipalities have 8 digits; 11 digits name a settlement inside one of them.
_OKTMO_MUNICIPALITY_DIGITS = 8
_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class _Municipality:
    id: int
    code: str
    name: str
    kind: MunicipalityKind

    def described(self) -> Message:
        text = f"{self.name} ({self.code})"
        return Message(text, text)


class MunicipalityIndex:
    """The municipalities of the region, looked up by code, OKTMO code or name.

    A name matches ignoring case, «ё»/«е», quotes, extra spaces and the kind words «городской
    округ», «муниципальный округ», «муниципальный район», «ГО», «г.» and «город». A name that two
    municipalities share («Троицкий») is an error naming both, unless a kind word distinguishes them.
    """

    def __init__(self, municipalities: Iterable[MunicipalityRow]) -> None:
        self._by_code: dict[str, _Municipality] = {}
        self._by_oktmo: dict[str, _Municipality] = {}
        self._by_stem: dict[str, list[_Municipality]] = defaultdict(list)
        self._by_city: dict[str, _Municipality] = {}
        self._cache: dict[str, int | InvalidValue] = {}
        for id_, code, oktmo, name, kind in municipalities:
            municipality = _Municipality(id_, code, name, MunicipalityKind(kind))
            self._by_code[_code_key(code)] = municipality
            if oktmo:
                self._by_oktmo[oktmo] = municipality
            self._by_stem[_split_name(name)[0]].append(municipality)
            city = CITIES_OF_URBAN_OKRUGS.get(name)
            if city is not None and municipality.kind is MunicipalityKind.URBAN_OKRUG:
                self._by_city[spelling_key(city)] = municipality

    def parse(self, cell: Cell) -> int:
        """Return the id of the municipality a cell names.

        Raises:
            InvalidValue: no municipality or more than one matches.
        """
        text = cell_text(cell).strip()
        found = self._cache.get(text)
        if found is None:
            try:
                found = self._find(text)
            except InvalidValue as error:
                found = error
            if len(self._cache) < _CACHE_SIZE:
                self._cache[text] = found
        if isinstance(found, InvalidValue):
            raise found
        return found

    def _find(self, text: str) -> int:
        code = _code_key(text)
        if _CODE.fullmatch(code):
            return self._find_by_code(code, text)
        if _OKTMO.fullmatch(text):
            return self._find_by_oktmo("".join(text.split()), text)
        return self._find_by_name(text)

    def _find_by_code(self, code: str, text: str) -> int:
        municipality = self._by_code.get(code)
        if municipality is None:
            raise InvalidValue(message("municipality.not_found", value=text))
        return municipality.id

    def _find_by_oktmo(self, digits: str, text: str) -> int:
        if len(digits) not in (8, 11):
            raise InvalidValue(message("municipality.oktmo_length", value=text))
        municipality = self._by_oktmo.get(digits) or self._by_oktmo.get(digits[:_OKTMO_MUNICIPALITY_DIGITS])
        if municipality is None:
            raise InvalidValue(message("municipality.not_found", value=text))
        return municipality.id

    def _find_by_name(self, text: str) -> int:
        stem, kind, is_city = _split_name(text)
        city = self._by_city.get(stem)
        if is_city and city is not None:
            return city.id

        candidates = self._by_stem.get(stem, [])
        if kind is not None:
            candidates = _of_kind(candidates, kind)
        elif not candidates and city is not None:
            return city.id

        if len(candidates) == 1:
            return candidates[0].id
        if candidates:
            described = join_alternatives([candidate.described() for candidate in candidates])
            raise InvalidValue(message("municipality.ambiguous", value=text, candidates=described))
        raise InvalidValue(self._not_found(stem, text))

    def _not_found(self, stem: str, text: str) -> Message:
        names = {**{key: [city] for key, city in self._by_city.items()}, **self._by_stem}
        similar = difflib.get_close_matches(stem, list(names), n=3, cutoff=0.75)
        if not similar:
            return message("municipality.not_found", value=text)
        candidates = list(dict.fromkeys(candidate for key in similar for candidate in names[key]))
        described = join_alternatives([candidate.described() for candidate in candidates])
        return message("municipality.not_found_similar", value=text, candidates=described)


def _code_key(text: str) -> str:
    """Return a code as "MO15": Latin capitals, no spaces, no leading zeros in the number."""
    key = "".join(text.split()).upper().translate(_CODE_LOOKALIKES)
    match = _CODE.fullmatch(key)
    if match is None:
        return key
    letters, digits = match.groups()
    return f"{letters}{int(digits)}"


def _split_name(text: str) -> tuple[str, MunicipalityKind | None, bool]:
    """Split a name into its stem, the kind its kind words name, and whether it starts with «г.»."""
    key = spelling_key(text)
    city_prefix = _CITY_PREFIX.match(key)
    if city_prefix is not None:
        key = key[city_prefix.end() :]
    kind = None
    kind_suffix = _KIND_SUFFIX.search(key)
    if kind_suffix is not None:
        kind = _KIND_WORDS[kind_suffix.group(1)]
        key = key[: kind_suffix.start()]
    return key.strip(), kind, city_prefix is not None


def _of_kind(candidates: list[_Municipality], kind: MunicipalityKind) -> list[_Municipality]:
    exact = [candidate for candidate in candidates if candidate.kind is kind]
    if exact or kind not in _RURAL_KINDS:
        return exact
    return [candidate for candidate in candidates if candidate.kind in _RURAL_KINDS]
