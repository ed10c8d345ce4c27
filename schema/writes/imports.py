"""`importFile`: the file import for integration UIs, the same code path as `talents import`."""

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from db.imports import RowError
from resolvers.access import Role
from resolvers.writes.engine import UserError as ServiceError
from resolvers.writes.imports import run_import
from schema.common import Info
from schema.enums import register_labels
from schema.writes.common import UserError, to_user_errors

# Row errors listed in the payload; the counts cover every row.
MAX_LISTED_ERRORS = 1000


@strawberry.enum(description="Что содержит импортируемый файл")
class ImportKind(Enum):
    ORGANIZATIONS = "organizations"
    PROGRAMS = "programs"
    PARTICIPANTS = "participants"
    EVENTS = "events"
    PARTICIPATIONS = "participations"
    POPULATION = "population"


register_labels(
    ImportKind,
    {
        "ORGANIZATIONS": ("Образовательные организации", "Organisations"),
        "PROGRAMS": ("Программы", "Programmes"),
        "PARTICIPANTS": ("Участники", "Participants"),
        "EVENTS": ("Мероприятия", "Events"),
        "PARTICIPATIONS": ("Результаты участия", "Participation results"),
        "POPULATION": ("Численность детей 5–18 лет", "Child population aged 5-18"),
    },
)


@strawberry.input(description="Файл для импорта и режим импорта")
class ImportFileInput:
    kind: ImportKind = strawberry.field(description="Что содержит файл")
    file: Upload = strawberry.field(
        description="Файл CSV (UTF-8 или Windows-1251, разделитель ; или ,) или XLSX; передаётся по "
        "спецификации GraphQL multipart request"
    )
    dry_run: bool = strawberry.field(default=False, description="Только проверить строки, ничего не сохраняя")
    atomic: bool = strawberry.field(
        default=False, description="Ничего не сохранять, если хотя бы одна строка отклонена"
    )


@strawberry.type(description="Отклонённая строка файла или ошибка файла целиком")
class ImportRowError:
    line: int | None = strawberry.field(description="Номер строки в файле, как его видит пользователь таблицы")
    column: str | None = strawberry.field(description="Заголовок столбца, как он написан в файле")
    value: str | None = strawberry.field(description="Значение ячейки")
    message: str = strawberry.field(description="Причина на языке запроса")


@strawberry.type(description="Итог импорта файла")
class ImportFilePayload:
    rows: int = strawberry.field(description="Прочитано строк данных")
    created: int = strawberry.field(description="Создано записей")
    updated: int = strawberry.field(description="Изменено записей")
    unchanged: int = strawberry.field(description="Записей без изменений (уже были загружены)")
    rejected: int = strawberry.field(description="Отклонено строк")
    stored: bool = strawberry.field(
        description="Сохранены ли верные строки: false при dryRun и при atomic с ошибками"
    )
    row_errors: list[ImportRowError] = strawberry.field(
        description=f"Ошибки по строкам и файлу, не больше {MAX_LISTED_ERRORS}"
    )
    warnings: list[str] = strawberry.field(description="Предупреждения, например о неизвестных столбцах")
    user_errors: list[UserError] = strawberry.field(description="Ошибки запроса: роль, параметры")


def _rejected_payload(errors: list[UserError]) -> ImportFilePayload:
    return ImportFilePayload(
        rows=0, created=0, updated=0, unchanged=0, rejected=0, stored=False, row_errors=[], warnings=[], user_errors=errors
    )


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Импортировать файл CSV или XLSX; повторный импорт того же файла ничего не меняет"
    )
    async def import_file(
        self, info: Info, input: Annotated[ImportFileInput, strawberry.argument(description="Файл и режим импорта")]
    ) -> ImportFilePayload:
        context = info.context
        viewer = context.viewer
        if viewer.role in (Role.ANONYMOUS, Role.ANALYST):
            error = ServiceError(None, "FORBIDDEN", "write.forbidden", {"role": viewer.role.value})
            return _rejected_payload(to_user_errors([error], context.language))

        if context.operation is None and info.operation.name is not None:
            # A multipart request carries its operation in a form field, read only by the executor.
            context.operation = info.operation.name.value
        # Two aliases may share one upload, so read it from the start each time.
        await input.file.seek(0)
        content = await input.file.read()
        filename = getattr(input.file, "filename", None) or "upload.csv"
        outcome = await run_import(
            context.write_sessions, viewer, input.kind.value, content, filename,
            dry_run=input.dry_run, atomic=input.atomic, request_id=context.request_id, operation=context.operation,
        )
        context.clear_loaders()
        return ImportFilePayload(
            rows=outcome.rows,
            created=outcome.created,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            rejected=outcome.rejected,
            stored=outcome.written,
            row_errors=[
                ImportRowError(
                    line=problem.line,
                    column=problem.column,
                    value=problem.value if isinstance(problem, RowError) else None,
                    message=problem.message(context.language),
                )
                for problem in outcome.problems[:MAX_LISTED_ERRORS]
            ],
            warnings=[warning.message(context.language) for warning in outcome.warnings],
            user_errors=[],
        )
