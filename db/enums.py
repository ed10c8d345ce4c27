"""Domain enumerations shared by the models, the schema and the importers.

Values are stored as their names in checked string columns, so adding a value is a migration
that rewrites one CHECK constraint on SQLite and PostgreSQL alike.
"""

from enum import Enum


class ApiKeyRole(str, Enum):
    """The role an API key grants; a request without a key is anonymous and has no row."""

    ANALYST = "ANALYST"
    OPERATOR = "OPERATOR"
    MUNICIPAL_COORDINATOR = "MUNICIPAL_COORDINATOR"
    REGIONAL_ADMIN = "REGIONAL_ADMIN"


class MunicipalityKind(str, Enum):
    URBAN_OKRUG = "URBAN_OKRUG"
    MUNICIPAL_OKRUG = "MUNICIPAL_OKRUG"
    MUNICIPAL_DISTRICT = "MUNICIPAL_DISTRICT"


class OrganizationKind(str, Enum):
    SCHOOL = "SCHOOL"
    ADDITIONAL_EDUCATION = "ADDITIONAL_EDUCATION"
    PRESCHOOL = "PRESCHOOL"
    COLLEGE = "COLLEGE"
    UNIVERSITY = "UNIVERSITY"
    OTHER = "OTHER"


class Orientation(str, Enum):
    TECHNICAL = "TECHNICAL"
    NATURAL_SCIENCE = "NATURAL_SCIENCE"
    PHYSICAL_CULTURE_SPORTS = "PHYSICAL_CULTURE_SPORTS"
    ARTS = "ARTS"
    TOURISM_LOCAL_HISTORY = "TOURISM_LOCAL_HISTORY"
    SOCIAL_HUMANITARIAN = "SOCIAL_HUMANITARIAN"


class ProgramType(str, Enum):
    GENERAL_DEVELOPMENTAL = "GENERAL_DEVELOPMENTAL"
    PRE_PROFESSIONAL = "PRE_PROFESSIONAL"


class ProgramLevel(str, Enum):
    STARTER = "STARTER"
    BASIC = "BASIC"
    ADVANCED = "ADVANCED"


class StudyForm(str, Enum):
    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"
    EXTRAMURAL = "EXTRAMURAL"


class FinancingSource(str, Enum):
    FREE = "FREE"
    CERTIFICATE = "CERTIFICATE"
    PAID = "PAID"


class ProgramStatus(str, Enum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    ARCHIVED = "ARCHIVED"


class DisabilityCategory(str, Enum):
    DEAF = "DEAF"
    HARD_OF_HEARING = "HARD_OF_HEARING"
    BLIND = "BLIND"
    VISUALLY_IMPAIRED = "VISUALLY_IMPAIRED"
    SEVERE_SPEECH_DISORDER = "SEVERE_SPEECH_DISORDER"
    MUSCULOSKELETAL_DISORDER = "MUSCULOSKELETAL_DISORDER"
    DEVELOPMENTAL_DELAY = "DEVELOPMENTAL_DELAY"
    AUTISM_SPECTRUM = "AUTISM_SPECTRUM"
    INTELLECTUAL_DISABILITY = "INTELLECTUAL_DISABILITY"
    MULTIPLE_SEVERE_DISABILITIES = "MULTIPLE_SEVERE_DISABILITIES"
    OTHER = "OTHER"


class ParticipantCategory(str, Enum):
    STUDENT = "STUDENT"
    TEACHER = "TEACHER"
    MANAGER = "MANAGER"
    PARENT = "PARENT"


class Sex(str, Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"


class EnrollmentStatus(str, Enum):
    ENROLLED = "ENROLLED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"


class InnovationSiteKind(str, Enum):
    REGIONAL_INNOVATION_SITE = "REGIONAL_INNOVATION_SITE"
    INTERNSHIP_SITE = "INTERNSHIP_SITE"
    RESOURCE_CENTER = "RESOURCE_CENTER"
    DISCUSSION_PLATFORM = "DISCUSSION_PLATFORM"


class InnovationSiteStatus(str, Enum):
    APPLIED = "APPLIED"
    ACTIVE = "ACTIVE"
    EXTENDED = "EXTENDED"
    COMPLETED = "COMPLETED"
    REVOKED = "REVOKED"


class TalentFocus(str, Enum):
    IDENTIFICATION = "IDENTIFICATION"
    SUPPORT = "SUPPORT"
    DEVELOPMENT = "DEVELOPMENT"


class InnovationProductKind(str, Enum):
    MODULAR_COURSE = "MODULAR_COURSE"
    METHODICAL_MATERIAL = "METHODICAL_MATERIAL"
    PROGRAM = "PROGRAM"
    RECORDING = "RECORDING"
    OTHER = "OTHER"


class EventKind(str, Enum):
    OLYMPIAD = "OLYMPIAD"
    CONTEST = "CONTEST"
    CONFERENCE = "CONFERENCE"
    FESTIVAL = "FESTIVAL"
    PROJECT_SESSION = "PROJECT_SESSION"
    METHODICAL_SESSION = "METHODICAL_SESSION"
    MASTER_CLASS = "MASTER_CLASS"
    WEBINAR = "WEBINAR"
    INTERNSHIP = "INTERNSHIP"
    FOCUS_GROUP = "FOCUS_GROUP"
    DISCUSSION = "DISCUSSION"
    OTHER = "OTHER"


class EventLevel(str, Enum):
    SCHOOL = "SCHOOL"
    MUNICIPAL = "MUNICIPAL"
    REGIONAL = "REGIONAL"
    INTERREGIONAL = "INTERREGIONAL"
    ALL_RUSSIAN = "ALL_RUSSIAN"
    INTERNATIONAL = "INTERNATIONAL"


class OlympiadStage(str, Enum):
    SCHOOL = "SCHOOL"
    MUNICIPAL = "MUNICIPAL"
    REGIONAL = "REGIONAL"
    FINAL = "FINAL"


class EventFormat(str, Enum):
    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"
    HYBRID = "HYBRID"


class ParticipationResult(str, Enum):
    PARTICIPANT = "PARTICIPANT"
    PRIZE_WINNER = "PRIZE_WINNER"
    WINNER = "WINNER"
    LAUREATE = "LAUREATE"
    DIPLOMA_HOLDER = "DIPLOMA_HOLDER"


class RoadmapItemStatus(str, Enum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    OVERDUE = "OVERDUE"


class PublicationKind(str, Enum):
    NEWS = "NEWS"
    ANNOUNCEMENT = "ANNOUNCEMENT"
    REPORT = "REPORT"
    METHODICAL_LETTER = "METHODICAL_LETTER"


class PublicationStatus(str, Enum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    ARCHIVED = "ARCHIVED"


class CommunityMemberRole(str, Enum):
    LEADER = "LEADER"
    MEMBER = "MEMBER"


class PracticeStatus(str, Enum):
    SUBMITTED = "SUBMITTED"
    REVIEWED = "REVIEWED"
    PUBLISHED = "PUBLISHED"
    REJECTED = "REJECTED"


class RecognitionLevel(str, Enum):
    """The highest level at which a practice was recognised (a contest, a collection, an order)."""

    SCHOOL = "SCHOOL"
    MUNICIPAL = "MUNICIPAL"
    REGIONAL = "REGIONAL"
    ALL_RUSSIAN = "ALL_RUSSIAN"


class AuditAction(str, Enum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    IMPORT = "IMPORT"
    READ_PERSONAL = "READ_PERSONAL"
