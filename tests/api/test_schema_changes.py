"""schema.graphql changes without breaking clients, as docs/schema-changes.md describes.

The test compares each version of schema.graphql in the git history (first parents, oldest first)
with the version before it, and the working copy too when it differs from the last commit. So every
commit of a push is checked, not only the last one. A removed type, field, input field, argument or
enum value passes only when the older version marked it deprecated and the removal log of
docs/schema-changes.md names it in backquotes, e.g. `Program.oldTitle`; any other breaking change
that graphql-core finds fails.

History must be complete: in a shallow clone the test fetches the rest in CI and is skipped
elsewhere, as it is where git or the repository is missing.
"""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from graphql import (
    BreakingChangeType,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    find_breaking_changes,
    get_named_type,
    is_specified_scalar_type,
)

from tests.api.ci import require, running_in_ci

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = "schema.graphql"
POLICY_FILE = ROOT / "docs" / "schema-changes.md"
# The heading of the removal log in POLICY_FILE. Coordinates named above it do not count.
LOG_HEADING = "## Журнал удалений"
GIT_SECONDS = 120

# Breaks that a later commit of the same push repaired, so no released version had them.
REPAIRED_BREAKS = {
    # A schema file regenerated from a stale tree dropped Subscription.publicationPublished, and
    # 0541e19 restored it.
    ("f65da54a4ae3", "a72f72831a01"),
}

# `removals` judges these, because it reads what the older schema deprecated.
REMOVALS = {
    BreakingChangeType.TYPE_REMOVED,
    BreakingChangeType.FIELD_REMOVED,
    BreakingChangeType.ARG_REMOVED,
    BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
}


def schema_problems(old: GraphQLSchema, new: GraphQLSchema, log: str) -> list[str]:
    """Return why going from `old` to `new` breaks clients against the policy, one line a problem.

    `log` is the removal log, which must name each removal in backquotes.
    """
    problems = [
        f"{change.type.name}: {change.description}"
        for change in find_breaking_changes(old, new)
        if change.type not in REMOVALS
    ]
    for coordinate, deprecated in removals(old, new):
        if not deprecated:
            problems.append(f"{coordinate} was removed without being deprecated first")
        elif f"`{coordinate}`" not in log:
            problems.append(f"{coordinate} was removed, but the removal log in {POLICY_FILE.name} does not name it")
    return problems


def removals(old: GraphQLSchema, new: GraphQLSchema) -> Iterator[tuple[str, bool]]:
    """Yield the schema coordinate of each removal and whether `old` had deprecated it."""
    for name, old_type in old.type_map.items():
        if name.startswith("__") or is_specified_scalar_type(old_type):
            continue
        new_type = new.type_map.get(name)
        if new_type is None:
            yield name, references_deprecated(old, new, old_type)
        elif type(new_type) is not type(old_type):
            continue  # graphql-core reports the change of kind
        elif isinstance(old_type, GraphQLEnumType):
            assert isinstance(new_type, GraphQLEnumType)
            for value_name, value in old_type.values.items():
                if value_name not in new_type.values:
                    yield f"{name}.{value_name}", value.deprecation_reason is not None
        elif isinstance(old_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            assert isinstance(new_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType)
            for field_name, field in old_type.fields.items():
                new_field = new_type.fields.get(field_name)
                if new_field is None:
                    yield f"{name}.{field_name}", field.deprecation_reason is not None
                    continue
                for argument_name, argument in getattr(field, "args", {}).items():
                    if argument_name not in getattr(new_field, "args", {}):
                        yield f"{name}.{field_name}({argument_name}:)", argument.deprecation_reason is not None


def references_deprecated(old: GraphQLSchema, new: GraphQLSchema, removed: GraphQLNamedType) -> bool:
    """Return whether every use of `removed` in a type that `new` keeps was deprecated in `old`.

    A type cannot be deprecated itself: it may go once the fields, arguments and input fields that
    returned or took it have been deprecated. Uses inside types removed too are judged with those.
    """
    for name, holder in old.type_map.items():
        if name.startswith("__") or name not in new.type_map:
            continue
        if isinstance(holder, GraphQLUnionType) and removed in holder.types:
            return False
        if isinstance(holder, GraphQLObjectType | GraphQLInterfaceType) and removed in holder.interfaces:
            return False
        if not isinstance(holder, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            continue
        for field in holder.fields.values():
            if get_named_type(field.type) is removed and field.deprecation_reason is None:
                return False
            for argument in getattr(field, "args", {}).values():
                if get_named_type(argument.type) is removed and argument.deprecation_reason is None:
                    return False
    return True


def git(*arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=True, timeout=GIT_SECONDS
    ).stdout


def ensure_full_history() -> None:
    """Skip without git history, or fetch the rest of a shallow clone in CI; fail there if it cannot."""
    require(shutil.which("git") is not None, "git is not installed: the schema's history cannot be read")
    try:
        inside = git("rev-parse", "--is-inside-work-tree").strip() == "true"
    except subprocess.CalledProcessError:
        inside = False
    require(inside, f"{ROOT} is not a git work tree: the schema's history cannot be read")
    if git("rev-parse", "--is-shallow-repository").strip() != "true":
        return
    require(running_in_ci(), "this is a shallow clone: run `git fetch --unshallow` to check the schema's history")
    try:
        git("fetch", "--quiet", "--unshallow")
    except subprocess.CalledProcessError as error:
        pytest.fail(
            f"this is a shallow clone and `git fetch --unshallow` failed, so earlier versions of "
            f"{SCHEMA_FILE} cannot be compared: {error.stderr.strip()}",
            pytrace=False,
        )


def schema_versions() -> list[tuple[str, str]]:
    """Return (label, SDL) for each version of the schema file, oldest first."""
    # Versions that were added, changed or renamed; a deleted file has nothing to compare. The
    # exclusion form `--diff-filter=d` returned no commits at all with git 2.39.
    commits = git("log", "--first-parent", "--diff-filter=ACMRT", "--format=%H", "--", SCHEMA_FILE).split()
    versions = [(commit[:12], git("show", f"{commit}:{SCHEMA_FILE}")) for commit in reversed(commits)]
    working = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    if not versions or working != versions[-1][1]:
        versions.append(("the working tree", working))
    return versions


def removal_log() -> str:
    """Return the removal log: the text of POLICY_FILE from LOG_HEADING on."""
    policy = POLICY_FILE.read_text(encoding="utf-8")
    _, heading, log = policy.partition(f"\n{LOG_HEADING}\n")
    assert heading, f"{POLICY_FILE} has no line {LOG_HEADING!r}"
    return log


def test_schema_history_has_no_breaking_change() -> None:
    log = removal_log()
    ensure_full_history()
    versions = schema_versions()

    problems = []
    for (old_label, old_sdl), (new_label, new_sdl) in zip(versions, versions[1:]):
        if (old_label, new_label) in REPAIRED_BREAKS:
            continue
        found = schema_problems(build_schema(old_sdl), build_schema(new_sdl), log)
        problems += [f"{old_label} -> {new_label}: {problem}" for problem in found]

    assert not problems, (
        f"{SCHEMA_FILE} breaks clients; deprecate first and give the reason in docs/{POLICY_FILE.name}:\n"
        + "\n".join(problems)
    )


OLD = """
type Query {
  program(id: ID!, legacy: Boolean @deprecated(reason: "not used")): Program
  programs(filter: ProgramFilter): [Program!]!
  oldProgram: OldProgram @deprecated(reason: "use program")
  title: String @deprecated(reason: "use program.title")
  count: Int
  found: [Found!]!
}
union Found = Program | Event
type Event { title: String }
type Program { id: ID! title: String! level: Level! }
type OldProgram { id: ID! details: OldDetails }
type OldDetails { text: String }
input ProgramFilter { search: String, region: String @deprecated(reason: "use search") }
enum Level { STARTER BASIC ADVANCED @deprecated(reason: "merged into BASIC") EXPERT }
"""

LOG = """
`Query.title`, `Query.oldProgram`, `Query.program(legacy:)`, `Level.ADVANCED`, `ProgramFilter.region`,
`OldProgram`, `OldDetails`
"""


def sdl_problems(new: str, log: str = LOG) -> list[str]:
    return schema_problems(build_schema(OLD), build_schema(new), log)


def test_deprecated_and_documented_removals_pass() -> None:
    new = """
    type Query { program(id: ID!): Program programs(filter: ProgramFilter): [Program!]! count: Int found: [Found!]! }
    union Found = Program | Event
    type Event { title: String }
    type Program { id: ID! title: String! level: Level! }
    input ProgramFilter { search: String }
    enum Level { STARTER BASIC EXPERT }
    """

    assert sdl_problems(new) == []


def test_undocumented_removal_fails() -> None:
    new = OLD.replace('  title: String @deprecated(reason: "use program.title")\n', "")

    assert sdl_problems(new, log="") == ["Query.title was removed, but the removal log in schema-changes.md does not name it"]


@pytest.mark.parametrize(
    ("old_line", "new_line", "coordinate"),
    [
        ("  count: Int\n", "", "Query.count"),
        ("title: String! level", "level", "Program.title"),
        ("enum Level { STARTER", "enum Level {", "Level.STARTER"),
        ("programs(filter: ProgramFilter)", "programs", "Query.programs(filter:)"),
        ("input ProgramFilter { search: String, ", "input ProgramFilter { ", "ProgramFilter.search"),
    ],
)
def test_removal_without_deprecation_fails(old_line: str, new_line: str, coordinate: str) -> None:
    assert old_line in OLD
    new = OLD.replace(old_line, new_line)

    assert sdl_problems(new, log=LOG + f" `{coordinate}`") == [
        f"{coordinate} was removed without being deprecated first"
    ]


def test_removed_type_of_deprecated_field_passes() -> None:
    new = OLD.replace('  oldProgram: OldProgram @deprecated(reason: "use program")\n', "")
    new = new.replace("type OldProgram { id: ID! details: OldDetails }\ntype OldDetails { text: String }\n", "")

    assert sdl_problems(new) == []


def test_type_removed_from_union_fails() -> None:
    new = OLD.replace("union Found = Program | Event\ntype Event { title: String }\n", "union Found = Program\n")

    # A union member cannot be deprecated, so leaving a union breaks clients whatever came before.
    assert sdl_problems(new, log=LOG + " `Event`") == [
        "TYPE_REMOVED_FROM_UNION: Event was removed from union type Found.",
        "Event was removed without being deprecated first",
    ]


@pytest.mark.parametrize(
    ("old_text", "new_text", "kind"),
    [
        ("title: String! level", "title: String level", "FIELD_CHANGED_KIND"),
        ("program(id: ID!,", "program(id: ID!, year: Int!,", "REQUIRED_ARG_ADDED"),
        ("program(id: ID!", "program(id: Int!", "ARG_CHANGED_KIND"),
        ("input ProgramFilter { search: String,", "input ProgramFilter { search: String!,", "FIELD_CHANGED_KIND"),
    ],
)
def test_other_breaking_changes_fail(old_text: str, new_text: str, kind: str) -> None:
    assert old_text in OLD
    problems = sdl_problems(OLD.replace(old_text, new_text))

    assert problems and all(problem.startswith(f"{kind}:") for problem in problems), problems
