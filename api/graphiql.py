"""The GraphiQL page with ready example queries in Russian, and the editor's files it loads.

The page loads React and GraphiQL from this server, never from a CDN: `make graphiql-assets`
installs the npm packages pinned in api/static/graphiql/package.json and copies their browser
builds to api/static/graphiql/dist, which the app serves at /graphiql-assets/. Without those files
the page still renders and explains, in Russian, how to install them.
"""

import hashlib
import html
import json
import os
from functools import cache
from pathlib import Path
from string import Template

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

EXAMPLES: list[dict[str, str]] = [
    {
        "query": """# Программы технической направленности в Челябинском городском округе (код MO15).
# Другую направленность или территорию задайте в переменных orientation и municipality
# (коды муниципальных образований — в запросе Municipalities).
query ProgramsOfOrientationInMunicipality($orientation: Orientation!, $municipality: String!) {
  programs(
    filter: {orientations: [$orientation], municipalityCodes: [$municipality]}
    orderBy: [{field: TITLE, direction: ASC}]
    first: 10
  ) {
    totalCount
    nodes {
      title
      levels
      ageFrom
      ageTo
      enrolledCount
      organization { shortName }
    }
    pageInfo { hasNextPage endCursor }
  }
}
""",
        "variables": '{\n  "orientation": "TECHNICAL",\n  "municipality": "MO15"\n}',
    },
    {
        "query": """# Мероприятия инновационных площадок: по каждой площадке — последние пять мероприятий.
query EventsOfInnovationSites {
  innovationSites(first: 5, filter: {statuses: [ACTIVE, EXTENDED]}) {
    nodes {
      title
      organization { name municipality { name } }
      events(first: 5, orderBy: [{field: STARTS_AT, direction: DESC}]) {
        totalCount
        nodes { title kind format startsAt participantsCount }
      }
    }
  }
}
""",
        "variables": "{}",
    },
    {
        "query": """# Олимпиады и конкурсы: найдите мероприятия по части названия и посмотрите
# их уровень, организатора и число участников. Списки участников и их результаты
# доступны только по ключу API оператора, координатора или администратора.
query Olympiads($search: String!) {
  events(filter: {search: $search, kinds: [OLYMPIAD, CONTEST]}, first: 10) {
    totalCount
    nodes {
      title
      level
      olympiadStage
      subject
      schoolYearLabel
      organizer { shortName municipality { name } }
      participantsCount
    }
  }
}
""",
        "variables": '{\n  "search": "олимпиада"\n}',
    },
    {
        "query": """# Мониторинг: участники и результаты по муниципалитетам и учебным годам.
# Малые группы скрыты (suppressed: true), чтобы ни одного ребёнка нельзя было узнать.
query ParticipationByMunicipality($from: Int!) {
  monitoring {
    participation(groupBy: [MUNICIPALITY, SCHOOL_YEAR], filter: {schoolYearFrom: $from}) {
      asOf
      total { participations participants winnersAndPrizeWinnersShare { value } }
      rows {
        municipality { name }
        schoolYearLabel
        participations
        participants
        winners
        prizeWinners
        suppressed
      }
    }
    alerts(schoolYear: 2024) { kind severity message }
  }
}
""",
        "variables": '{\n  "from": 2022\n}',
    },
    {
        "query": """# Муниципальные образования с кодами для фильтров и численностью детей 5–18 лет,
# а также русские подписи направленностей для выпадающих списков.
query Municipalities {
  municipalities(first: 43, orderBy: [{field: NAME}]) {
    totalCount
    nodes { code name kind childPopulation(schoolYear: 2024) }
  }
  enumLabels(name: "Orientation") { value label }
}
""",
        "variables": "{}",
    },
    {
        "query": """# Лента новостей для родителей: публикации для всей области и для Челябинского городского
# округа (код MO15), новые сначала. Без ключа API видны только опубликованные.
query NewsForParents($municipality: String!) {
  publications(
    filter: {municipalityCodes: [$municipality], includeRegionWide: true, audiences: [PARENT]}
    first: 10
  ) {
    totalCount
    nodes {
      title
      summary
      kind
      publishedAt
      municipality { name }
      organization { shortName }
      attachments { title url }
    }
    pageInfo { hasNextPage endCursor }
  }
}
""",
        "variables": '{\n  "municipality": "MO15"\n}',
    },
    {
        "query": """# Профессиональные сообщества педагогов по части названия или темы: координатор, участники,
# мероприятия и эффективные практики с авторами. Фамилии участников — персональные данные и без
# ключа API недоступны, а имена авторов опубликованных практик видны всем.
query CommunitiesWithPractices($search: String) {
  professionalCommunities(first: 3, filter: {search: $search}) {
    totalCount
    nodes {
      title
      topic
      coordinatingOrganization { shortName municipality { name } }
      membersCount
      members(first: 5) { nodes { role category organization { shortName } } }
      events(first: 3, orderBy: [{field: STARTS_AT, direction: DESC}]) { nodes { title startsAt } }
      practices(first: 5) {
        totalCount
        nodes { title recognitionLevel publishedAt authors { fullName } materials { title url } }
      }
    }
  }
}
""",
        "variables": '{\n  "search": "математик"\n}',
    },
    {
        "query": """# Мониторинг информирования: публикации, сообщества, их участники и опубликованные практики
# по учебным годам. Добавьте MUNICIPALITY в groupBy, чтобы разбить числа по муниципалитетам.
query InformationByYear {
  monitoring {
    information(fromSchoolYear: 2022, toSchoolYear: 2024, groupBy: [SCHOOL_YEAR]) {
      rows { schoolYearLabel publications communities members publishedPractices }
      total { publications communities members publishedPractices }
    }
  }
}
""",
        "variables": "{}",
    },
    {
        "query": """# Подписка: мероприятия Челябинского городского округа, которые добавили, изменили или удалили.
# Нажмите «Выполнить», затем измените мероприятие мутацией updateEvent с ключом API: изменение
# появится здесь, как только будет сохранено. Ключ для подписки передайте во вкладке Headers
# как {"Authorization": "Bearer tal_…"}; без ключа подписка видит открытые данные.
subscription EventChanges($municipality: String!) {
  eventChanged(filter: {municipalityCodes: [$municipality]}) {
    action
    eventId
    changedAt
    event { title kind startsAt organizer { shortName } }
  }
}
""",
        "variables": '{\n  "municipality": "MO15"\n}',
    },
]

ASSETS_DIRECTORY = Path(__file__).parent / "static" / "graphiql" / "dist"
ASSETS_PATH = "/graphiql-assets"
# The files that the Makefile's graphiql-assets step copies into ASSETS_DIRECTORY.
STYLESHEET = "graphiql.min.css"
SCRIPTS = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js")
# Each URL carries a digest of its file, so a browser may keep what it fetched for a year.
CACHE_CONTROL = "public, max-age=31536000, immutable"


class GraphiQLAssets(StaticFiles):
    """The editor's files at ASSETS_PATH with long cache headers, or 404 while they are not installed."""

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__(directory=directory or ASSETS_DIRECTORY, check_dir=False)

    async def check_config(self) -> None:
        # StaticFiles fails every request when its directory is missing. Here that means 404.
        return None

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["cache-control"] = CACHE_CONTROL
        return response


def asset_urls(directory: Path | None = None) -> dict[str, str] | None:
    """Return the URL of each file, relative to the page, or None when any of them is missing."""
    urls = {}
    for name in (STYLESHEET, *SCRIPTS):
        path = (directory or ASSETS_DIRECTORY) / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        # The page is /graphql, so a path without the leading slash also works under a prefix.
        urls[name] = f"{ASSETS_PATH.lstrip('/')}/{name}?v={_digest(path, stat.st_mtime_ns, stat.st_size)}"
    return urls


@cache
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    # The modification time and size key the cache, so a reinstalled file is read again.
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


EDITOR_PAGE = Template("""<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>Talents API — GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="$stylesheet">
</head>
<body>
  <div id="graphiql">Загрузка GraphiQL…</div>
  <script src="$react"></script>
  <script src="$react_dom"></script>
  <script src="$graphiql"></script>
  <script>
    const examples = $examples;
    // Subscriptions go over a WebSocket to the same path; the Headers tab becomes the connection_init payload.
    const subscriptionUrl = (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + window.location.pathname;
    const fetcher = GraphiQL.createFetcher({ url: window.location.pathname, subscriptionUrl });
    // GraphiQL 3.8 opens the first of defaultTabs without its variables. So on a first visit,
    // before GraphiQL has stored any tabs under this key, the page passes them itself.
    const firstVisit = window.localStorage.getItem("graphiql:tabState") === null;
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultTabs: examples,
        variables: firstVisit ? examples[0].variables : undefined,
        defaultEditorToolsVisibility: true,
      })
    );
  </script>
</body>
</html>
""")

MISSING_PAGE = Template("""<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>Talents API — GraphiQL не установлен</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <style>
    body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
    pre { background: #f4f4f4; padding: 0.75rem; overflow-x: auto; }
  </style>
</head>
<body>
  <h1>Файлы редактора GraphiQL не установлены</h1>
  <p>На этом сервере нет скриптов и стилей GraphiQL и React, поэтому редактор запросов не открывается.
  Из интернета страница их не загружает.</p>
  <p>Чтобы установить их, выполните в каталоге проекта команду <code>make graphiql-assets</code>
  (нужны Node.js и npm; файлы берутся из реестра npm в закреплённых версиях) и обновите страницу.
  Команды <code>make run</code> и <code>make test</code> выполняют этот шаг сами.</p>
  <p>API работает и без редактора: отправьте запрос методом POST на этот адрес с телом JSON
  <code>{"query": "…", "variables": {…}}</code>. Примеры запросов:</p>
$examples
</body>
</html>
""")


def render_graphiql(assets: Path | None = None) -> str:
    """Return the GraphiQL page, or a page that explains how to install the editor's missing files."""
    urls = asset_urls(assets)
    if urls is None:
        return _missing_page()
    return EDITOR_PAGE.substitute(
        stylesheet=urls[STYLESHEET],
        react=urls["react.production.min.js"],
        react_dom=urls["react-dom.production.min.js"],
        graphiql=urls["graphiql.min.js"],
        examples=_examples_json(),
    )


@cache
def _examples_json() -> str:
    # "</" would close the script element early.
    return json.dumps(EXAMPLES, ensure_ascii=False).replace("</", "<\\/")


@cache
def _missing_page() -> str:
    examples = "\n".join(
        f"  <pre>{html.escape(example['query'])}\n# Переменные: {html.escape(example['variables'])}</pre>"
        for example in EXAMPLES
    )
    return MISSING_PAGE.substitute(examples=examples)
