"""Accepted spellings of enumeration values in import files.

A value is recognised by its Russian or English label (db/reference/labels.py), by its schema name
(`WINNER`, `prize_winner`) and by the synonyms below. Matching ignores case, «ё»/«е», quotes,
repeated spaces, spaces around hyphens, the kind of dash and a trailing full stop.
"""

import re
from collections.abc import Iterable, Mapping
from enum import Enum

from db import enums
from db.imports.messages import Message, join_alternatives, message
from db.imports.tables import Cell, cell_text
from db.imports.values import InvalidValue
from db.reference.labels import LABELS
from db.text import normalize_text

_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‑": "-", "‐": "-"})
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_LIST_SEPARATORS = re.compile(r"[,;]")
# A label may itself contain a comma («Руководитель, управленческая команда»), so up to this many
# comma-separated pieces of a list cell are tried together before each piece alone.
_MAX_PIECES_PER_ITEM = 2
_CACHE_SIZE = 4096


def spelling_key(text: str) -> str:
    """Return the key under which a spelling is looked up."""
    key = normalize_text(text).translate(_DASHES)
    return _SPACED_HYPHEN.sub("-", key).strip(" .")


class Vocabulary:
    """The spellings of one enumeration's values and the message for an unknown one."""

    def __init__(
        self,
        enum: type[Enum],
        unknown: Message,
        synonyms: Mapping[str, Enum] | None = None,
        shown: Mapping[Enum, Message] | None = None,
        order: Iterable[Enum] | None = None,
    ) -> None:
        self.enum = enum
        self.unknown = unknown
        self._spellings: dict[str, Enum] = {}
        self._cache: dict[str, Enum] = {}
        member_labels = LABELS[enum][1]
        for member in enum:
            russian, english = member_labels[member.value]
            for spelling in (russian, english, member.value, member.value.replace("_", " ")):
                self._add(spelling, member)
        for spelling, member in (synonyms or {}).items():
            self._add(spelling, member)
        shown = shown or {}
        members = list(order) if order is not None else list(enum)
        self.expected = join_alternatives(
            [shown.get(member) or _lowercase_label(member_labels[member.value]) for member in members]
        )

    def _add(self, spelling: str, member: Enum) -> None:
        key = spelling_key(spelling)
        existing = self._spellings.setdefault(key, member)
        if existing is not member:
            raise ValueError(f"spelling {spelling!r} means both {existing} and {member}")

    def lookup(self, text: str) -> Enum | None:
        """Return the value spelled `text`, or None."""
        member = self._cache.get(text)
        if member is None:
            member = self._spellings.get(spelling_key(text))
            if member is not None and len(self._cache) < _CACHE_SIZE:
                self._cache[text] = member
        return member

    def parse(self, cell: Cell) -> Enum:
        text = cell_text(cell).strip()
        member = self.lookup(text)
        if member is None:
            raise InvalidValue(self._unknown_message(text))
        return member

    def parse_list(self, cell: Cell) -> tuple[Enum, ...]:
        """Return the distinct values of a cell that lists them separated by `,` or `;`.

        Raises:
            InvalidValue: with one message for each unknown item.
        """
        pieces = [piece.strip() for piece in _LIST_SEPARATORS.split(cell_text(cell))]
        members: dict[Enum, None] = {}
        problems: list[Message] = []
        start = 0
        while start < len(pieces):
            if not pieces[start]:
                start += 1
                continue
            for end in range(min(len(pieces), start + _MAX_PIECES_PER_ITEM), start, -1):
                member = self.lookup(", ".join(pieces[start:end]))
                if member is not None:
                    members[member] = None
                    start = end
                    break
            else:
                problems.append(self._unknown_message(pieces[start]))
                start += 1
        if problems:
            raise InvalidValue(*problems)
        return tuple(members)

    def _unknown_message(self, text: str) -> Message:
        return message("enum.unknown", unknown=self.unknown, value=text, expected=self.expected)


def _lowercase_label(label: tuple[str, str]) -> Message:
    return Message(*(_lowercase_first(text) for text in label))


def _lowercase_first(text: str) -> str:
    """Lower-case the first letter unless the word is an abbreviation («ПФДО» stays)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _degree_spellings(word: str) -> list[str]:
    """Return «лауреат I степени», «лауреат 2-й степени» and the like for `word`."""
    degrees = ["I", "II", "III", "1", "2", "3", "1-й", "2-й", "3-й", "1-ой", "2-ой", "3-ей"]
    return [f"{word} {degree} степени" for degree in degrees]


Result = enums.ParticipationResult

ORGANIZATION_KIND = Vocabulary(
    enums.OrganizationKind,
    Message("Неизвестный вид организации", "Unknown organisation kind"),
    synonyms={
        "школа": enums.OrganizationKind.SCHOOL,
        "общеобразовательная школа": enums.OrganizationKind.SCHOOL,
        "СОШ": enums.OrganizationKind.SCHOOL,
        "ООШ": enums.OrganizationKind.SCHOOL,
        "гимназия": enums.OrganizationKind.SCHOOL,
        "лицей": enums.OrganizationKind.SCHOOL,
        "дополнительное образование": enums.OrganizationKind.ADDITIONAL_EDUCATION,
        "учреждение дополнительного образования": enums.OrganizationKind.ADDITIONAL_EDUCATION,
        "УДО": enums.OrganizationKind.ADDITIONAL_EDUCATION,
        "ОДО": enums.OrganizationKind.ADDITIONAL_EDUCATION,
        "детский сад": enums.OrganizationKind.PRESCHOOL,
        "ДОО": enums.OrganizationKind.PRESCHOOL,
        "колледж": enums.OrganizationKind.COLLEGE,
        "техникум": enums.OrganizationKind.COLLEGE,
        "ПОО": enums.OrganizationKind.COLLEGE,
        "вуз": enums.OrganizationKind.UNIVERSITY,
        "университет": enums.OrganizationKind.UNIVERSITY,
        "иная": enums.OrganizationKind.OTHER,
        "другая": enums.OrganizationKind.OTHER,
    },
)

ORIENTATION = Vocabulary(
    enums.Orientation,
    Message("Неизвестная направленность", "Unknown orientation"),
    synonyms={
        "естественно-научная": enums.Orientation.NATURAL_SCIENCE,
        # The orientation's former name, still found in older programme documents.
        "социально-педагогическая": enums.Orientation.SOCIAL_HUMANITARIAN,
    },
)

PROGRAM_TYPE = Vocabulary(
    enums.ProgramType,
    Message("Неизвестный вид программы", "Unknown programme type"),
    synonyms={
        "общеразвивающая программа": enums.ProgramType.GENERAL_DEVELOPMENTAL,
        "предпрофессиональная программа": enums.ProgramType.PRE_PROFESSIONAL,
    },
)

PROGRAM_LEVEL = Vocabulary(
    enums.ProgramLevel,
    Message("Неизвестный уровень программы", "Unknown programme level"),
    synonyms={
        "стартовый": enums.ProgramLevel.STARTER,
        "ознакомительный": enums.ProgramLevel.STARTER,
        "продвинутый": enums.ProgramLevel.ADVANCED,
        "углублённый": enums.ProgramLevel.ADVANCED,
    },
)

STUDY_FORM = Vocabulary(
    enums.StudyForm,
    Message("Неизвестная форма обучения", "Unknown form of study"),
    synonyms={
        "очно": enums.StudyForm.FULL_TIME,
        "очно-заочно": enums.StudyForm.PART_TIME,
        "заочно": enums.StudyForm.EXTRAMURAL,
    },
)

FINANCING = Vocabulary(
    enums.FinancingSource,
    Message("Неизвестный источник финансирования", "Unknown financing source"),
    synonyms={
        "бюджет": enums.FinancingSource.FREE,
        "бесплатно": enums.FinancingSource.FREE,
        "бесплатная": enums.FinancingSource.FREE,
        "сертификат": enums.FinancingSource.CERTIFICATE,
        "ПФДО": enums.FinancingSource.CERTIFICATE,
        "сертификат дополнительного образования": enums.FinancingSource.CERTIFICATE,
        "платно": enums.FinancingSource.PAID,
        "платная": enums.FinancingSource.PAID,
    },
)

PROGRAM_STATUS = Vocabulary(
    enums.ProgramStatus,
    Message("Неизвестный статус программы", "Unknown programme status"),
    synonyms={
        "опубликовано": enums.ProgramStatus.PUBLISHED,
        "опубликован": enums.ProgramStatus.PUBLISHED,
        "архив": enums.ProgramStatus.ARCHIVED,
        "архивная": enums.ProgramStatus.ARCHIVED,
    },
)

# The abbreviations are the usual names of the categories in Russian special education.
DISABILITY_CATEGORY = Vocabulary(
    enums.DisabilityCategory,
    Message("Неизвестная категория ОВЗ", "Unknown disability category"),
    synonyms={
        "слабослышащие": enums.DisabilityCategory.HARD_OF_HEARING,
        "позднооглохшие": enums.DisabilityCategory.HARD_OF_HEARING,
        "ТНР": enums.DisabilityCategory.SEVERE_SPEECH_DISORDER,
        "НОДА": enums.DisabilityCategory.MUSCULOSKELETAL_DISORDER,
        "ЗПР": enums.DisabilityCategory.DEVELOPMENTAL_DELAY,
        "РАС": enums.DisabilityCategory.AUTISM_SPECTRUM,
        "УО": enums.DisabilityCategory.INTELLECTUAL_DISABILITY,
        "ТМНР": enums.DisabilityCategory.MULTIPLE_SEVERE_DISABILITIES,
        "иные": enums.DisabilityCategory.OTHER,
    },
)

PARTICIPANT_CATEGORY = Vocabulary(
    enums.ParticipantCategory,
    Message("Неизвестная категория участника", "Unknown participant category"),
    synonyms={
        "учащийся": enums.ParticipantCategory.STUDENT,
        "ученик": enums.ParticipantCategory.STUDENT,
        "школьник": enums.ParticipantCategory.STUDENT,
        "студент": enums.ParticipantCategory.STUDENT,
        "обучающиеся": enums.ParticipantCategory.STUDENT,
        "учитель": enums.ParticipantCategory.TEACHER,
        "педагоги": enums.ParticipantCategory.TEACHER,
        "руководитель": enums.ParticipantCategory.MANAGER,
        "управленческая команда": enums.ParticipantCategory.MANAGER,
        "родитель": enums.ParticipantCategory.PARENT,
        "родители": enums.ParticipantCategory.PARENT,
        "законный представитель": enums.ParticipantCategory.PARENT,
    },
    shown={enums.ParticipantCategory.MANAGER: Message("руководитель", "manager")},
)

SEX = Vocabulary(
    enums.Sex,
    Message("Неизвестное значение пола", "Unknown sex"),
    synonyms={
        "м": enums.Sex.MALE,
        "муж": enums.Sex.MALE,
        "ж": enums.Sex.FEMALE,
        "жен": enums.Sex.FEMALE,
    },
)

EVENT_KIND = Vocabulary(
    enums.EventKind,
    Message("Неизвестный вид мероприятия", "Unknown event kind"),
    synonyms={"иное": enums.EventKind.OTHER, "другое": enums.EventKind.OTHER},
)

EVENT_LEVEL = Vocabulary(
    enums.EventLevel,
    Message("Неизвестный уровень мероприятия", "Unknown event level"),
)

OLYMPIAD_STAGE = Vocabulary(
    enums.OlympiadStage,
    Message("Неизвестный этап олимпиады", "Unknown olympiad stage"),
    synonyms={
        "школьный": enums.OlympiadStage.SCHOOL,
        "муниципальный": enums.OlympiadStage.MUNICIPAL,
        "региональный": enums.OlympiadStage.REGIONAL,
        "заключительный": enums.OlympiadStage.FINAL,
        "финал": enums.OlympiadStage.FINAL,
    },
)

EVENT_FORMAT = Vocabulary(
    enums.EventFormat,
    Message("Неизвестный формат мероприятия", "Unknown event format"),
    synonyms={
        "онлайн": enums.EventFormat.ONLINE,
        "дистанционный": enums.EventFormat.ONLINE,
        "очный": enums.EventFormat.OFFLINE,
        "офлайн": enums.EventFormat.OFFLINE,
        "смешанный": enums.EventFormat.HYBRID,
        "гибридный": enums.EventFormat.HYBRID,
    },
)

PARTICIPATION_RESULT = Vocabulary(
    Result,
    Message("Неизвестный результат", "Unknown result"),
    synonyms={
        "призер": Result.PRIZE_WINNER,
        **dict.fromkeys(_degree_spellings("лауреат"), Result.LAUREATE),
        **dict.fromkeys(_degree_spellings("дипломант"), Result.DIPLOMA_HOLDER),
    },
    order=[Result.WINNER, Result.PRIZE_WINNER, Result.PARTICIPANT, Result.LAUREATE, Result.DIPLOMA_HOLDER],
)
