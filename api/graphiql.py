"""The GraphiQL page with ready example queries in Russian."""

import json
from functools import cache

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
        "query": """# Победители и призёры школ: найдите школы по части названия и посмотрите,
# кто из их обучающихся стал победителем или призёром и на каких мероприятиях.
query WinnersOfSchool($school: String!) {
  organizations(filter: {search: $school, kinds: [SCHOOL]}, first: 3) {
    nodes {
      name
      municipality { name }
      participations(
        filter: {results: [WINNER, PRIZE_WINNER]}
        orderBy: [{field: SCHOOL_YEAR, direction: DESC}]
        first: 10
      ) {
        totalCount
        nodes {
          result
          score
          schoolYearLabel
          event { title level olympiadStage subject }
          participant { category grade }
        }
      }
    }
  }
}
""",
        "variables": '{\n  "school": "Лицей"\n}',
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
]

PAGE = """<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>Talents API — GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css">
</head>
<body>
  <div id="graphiql">Загрузка GraphiQL…</div>
  <script crossorigin src="https://unpkg.com/react@18.3.1/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"></script>
  <script>
    const examples = __EXAMPLES__;
    const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultTabs: examples,
        defaultEditorToolsVisibility: true,
      })
    );
  </script>
</body>
</html>
"""


@cache
def render_graphiql() -> str:
    examples = json.dumps(EXAMPLES, ensure_ascii=False).replace("</", "<\\/")
    return PAGE.replace("__EXAMPLES__", examples)
