"""The benchmark's environment, targets and report: a text table and docs/benchmarks.md."""

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.systems import LABELS, NODE, POSTGRAPHILE_DIR, ROOT

BEGIN_MARKER = "<!-- bench.run: начало -->"
END_MARKER = "<!-- bench.run: конец -->"
MIB = 1024
PACKAGES = ("strawberry-graphql", "graphql-core", "starlette", "uvicorn", "sqlalchemy", "asyncpg", "orjson")
SERVER_PATHS = ("api", "schema", "resolvers", "db")

INTRO = """# Замеры: наш сервер рядом с SQL-полом и PostGraphile

`make bench` (или `.venv/bin/python -m bench.run --reuse`) за один прогон на одной машине
измеряет три системы над одной базой PostgreSQL масштаба региона:

- **SQL-пол** (`bench/floor.py`): на каждую нагрузку один написанный вручную SQL-запрос, который
  собирает готовый JSON в PostgreSQL (`json_build_object`, `json_agg`); asyncpg и голый маршрут
  Starlette отдают его байтами. Меньше работы сервер сделать не может;
- **наш сервер**: `talents serve`, один процесс uvicorn на 127.0.0.1, журнал уровня WARNING;
- **PostGraphile 5** (`bench/postgraphile/`) с пресетом amber на Node 22 из npm-пакета `node@22`.

Проверка сравнивает ответы. `data` SQL-пола после разбора JSON равна нашей полностью, вместе с
глобальными ID и курсорами. У PostGraphile свои имена полей и ID, поэтому оба ответа приводятся к
общему виду: первичные ключи вместо ID, моменты времени в UTC, без курсоров.

Таблица ниже пишется скриптом при каждом полном прогоне, текст после неё — вручную.
"""


def run_text(command: list[str], cwd: Path = ROOT) -> str:
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "неизвестно"


def describe_machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), cpu)
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        memory_kib = int(meminfo.readline().split()[1])
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kib / 1024 / 1024, 1)}


def describe_code(ours_root: Path) -> dict[str, Any]:
    """Return the commit of our server's source tree and its uncommitted server paths.

    A tree outside a git checkout (an unpacked `git archive`) names its commit in a file
    COMMIT at its root.
    """
    if ours_root != ROOT:
        commit_file = ours_root / "COMMIT"
        commit = commit_file.read_text(encoding="utf-8").strip() if commit_file.exists() else "неизвестно"
        return {"commit": commit, "uncommitted": [], "tree": str(ours_root)}
    commit = run_text(["git", "rev-parse", "--short", "HEAD"])
    changed = run_text(["git", "status", "--porcelain", "--", *SERVER_PATHS]).splitlines()
    return {"commit": commit, "uncommitted": sorted({line[3:] for line in changed if line.strip()})}


def describe_environment(ours_root: Path = ROOT) -> dict[str, Any]:
    postgraphile_package = POSTGRAPHILE_DIR / "node_modules" / "postgraphile" / "package.json"
    try:
        postgraphile = json.loads(postgraphile_package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        postgraphile = "не установлен"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": describe_machine(),
        "python": platform.python_version(),
        "postgresql": run_text(["psql", "-h", "127.0.0.1", "-U", "postgres", "-At", "-c", "SHOW server_version"]),
        "node": run_text([str(NODE), "--version"]),
        "postgraphile": postgraphile,
        "packages": {name: metadata.version(name) for name in PACKAGES},
        "code": describe_code(ours_root),
    }


def load_results(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# Targets.


def find(results: dict[str, Any], previous: dict[str, Any] | None, system: str, workload: str) -> dict[str, Any] | None:
    """Return a measurement of this run, or of the previous full run for another system."""
    for measurement in results["measurements"]:
        if measurement["system"] == system and measurement["workload"] == workload:
            return measurement
    if previous is not None and system != "ours":
        for measurement in previous["measurements"]:
            if measurement["system"] == system and measurement["workload"] == workload:
                return measurement | {"from_previous_run": True}
    return None


def evaluate_targets(results: dict[str, Any], previous: dict[str, Any] | None = None) -> list[tuple[str, str, bool | None]]:
    """Return (target, measured value, met or None when not measured) for every target."""
    targets: list[tuple[str, str, bool | None]] = []

    def ratio_target(workload: str, limit: float, statements: int | None) -> None:
        ours, floor = find(results, previous, "ours", workload), find(results, previous, "floor", workload)
        label = f"{workload}: p50 ≤ {number(limit, 1 if limit % 1 else 0)} × пол"
        label += f", SQL-запросов ≤ {statements}" if statements else ""
        if ours is None or floor is None:
            targets.append((label, "не измерено", None))
            return
        ratio = ours["p50_ms"] / floor["p50_ms"]
        value = f"{ours['p50_ms']:.2f} / {floor['p50_ms']:.2f} мс = {ratio:.1f} ×"
        met = ratio <= limit
        if statements is not None:
            counted = ours.get("statements")
            value += f"; SQL-запросов {counted:g}" if counted is not None else "; SQL-запросы не считались"
            met = met and counted is not None and counted <= statements
        targets.append((label, value, met))

    ratio_target("W4", 2, None)
    ratio_target("W1", 2.5, 4)
    ratio_target("W2", 3, 3)

    w3 = find(results, previous, "ours", "W3")
    targets.append(("W3: p50 ≤ 50 мс", f"{w3['p50_ms']:.1f} мс" if w3 else "не измерено",
                    w3["p50_ms"] <= 50 if w3 else None))

    for workload in ("W1", "W2"):
        ours, theirs = find(results, previous, "ours", workload), find(results, previous, "postgraphile", workload)
        label = f"{workload}: запросов/с ≥ PostGraphile"
        if ours is None or theirs is None:
            targets.append((label, "не измерено", None))
            continue
        value = f"{ours['requests_per_second']:.0f} против {theirs['requests_per_second']:.0f}"
        targets.append((label, value, ours["requests_per_second"] >= theirs["requests_per_second"]))

    memory = next((item for item in results["memory"] if item["system"] == "ours"), None)
    if memory is not None and memory["peak_kib"]:
        targets.append(("RSS сервера ≤ 150 МиБ", f"{memory['peak_kib'] / MIB:.0f} МиБ", memory["peak_kib"] <= 150 * MIB))
    else:
        targets.append(("RSS сервера ≤ 150 МиБ", "не измерено", None))
    if memory is not None and memory["growth"] is not None:
        targets.append(("рост RSS с 5 000 до 10 000 запросов ≤ 5 %", f"{memory['growth'] * 100:.1f} %",
                        memory["growth"] <= 0.05))
    else:
        targets.append(("рост RSS с 5 000 до 10 000 запросов ≤ 5 %", "не измерено", None))

    timed = [run for run in results.get("imports", []) if run["targeted"]]
    if timed:
        slowest = max(timed, key=lambda run: run["seconds"])
        targets.append(("W5: импорт 100 000 строк < 60 с", f"{slowest['seconds']:.1f} с ({slowest['name']})",
                        slowest["seconds"] < 60))
    else:
        targets.append(("W5: импорт 100 000 строк < 60 с", "не измерено", None))
    return targets


def verdict_text(met: bool | None) -> str:
    return {True: "да", False: "нет", None: "—"}[met]


# Text output.


def format_statements(measurement: dict[str, Any]) -> str:
    if measurement.get("statements") is None:
        return "—"
    other = (measurement.get("control_statements") or 0) + (measurement.get("pings") or 0)
    return f"{measurement['statements']:g}" + (f" (+{other:g})" if other else "")


def text_table(results: dict[str, Any], previous: dict[str, Any] | None) -> str:
    lines = [f"{'workload':8} {'system':14} {'p50 ms':>8} {'p99 ms':>8} {'rps@16':>8} {'SQL/req':>10} "
             f"{'srv CPU ms':>10} {'client CPU':>10}"]
    for measurement in results["measurements"]:
        lines.append(
            f"{measurement['workload']:8} {measurement['system']:14} {measurement['p50_ms']:8.2f} "
            f"{measurement['p99_ms']:8.2f} {measurement['requests_per_second']:8.0f} "
            f"{format_statements(measurement):>10} {measurement['server_cpu_ms_per_request']:10.2f} "
            f"{measurement['client_cpu_share'] * 100:9.0f}%"
        )
    for memory in results["memory"]:
        growth = f"{memory['growth'] * 100:.1f} %" if memory["growth"] is not None else "not measured"
        lines.append(f"memory {memory['system']}: peak {memory['peak_kib'] / MIB:.0f} MiB, growth 5,000→10,000: {growth}")
    for measurement in results["measurements"]:
        if measurement["system"] == "ours" and measurement["statement_texts"]:
            lines.append(f"statements of ours, {measurement['workload']}:")
            lines += [f"    {text}" for text in measurement["statement_texts"]]
    lines.append("targets" + (" (floor and PostGraphile from the last full run where not measured now)" if previous else ""))
    for label, value, met in evaluate_targets(results, previous):
        lines.append(f"  [{verdict_text(met):>3}] {label}: {value}")
    for name, verdict in results["checks"].items():
        lines.append(f"check {name}: {verdict}")
    return "\n".join(lines)


# Markdown.


def number(value: float, digits: int = 1) -> str:
    """Format a number the Russian way: a thin space between thousands, a decimal comma."""
    text = f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")
    return text


def markdown_block(results: dict[str, Any]) -> str:
    environment = results["environment"]
    machine = environment["machine"]
    code = environment["code"]
    shape = results["database"]["shape"]
    packages = ", ".join(f"{name} {version}" for name, version in environment["packages"].items())
    uncommitted = f", с незакоммиченными изменениями в {', '.join(code['uncommitted'])}" if code["uncommitted"] else ""
    phases = results["phases"]
    lines = [
        f"Прогон {environment['date']}, длительность {number(results['duration_seconds'] / 60)} мин.",
        "",
        f"- Машина: {machine['cpu']}, {machine['cores']} ядра, {number(machine['memory_gib'])} ГиБ памяти; "
        f"средняя загрузка за минуту в начале {number(results['load_average_at_start'])}, "
        f"в конце {number(results['load_average_at_end'])}.",
        f"- Версии: Python {environment['python']}, PostgreSQL {environment['postgresql']}, "
        f"Node {environment['node']}, PostGraphile {environment['postgraphile']}; {packages}.",
        f"- Код нашего сервера: коммит {code['commit']}{uncommitted}"
        + (", отдельное дерево этого коммита (`--ours-root`)." if code.get("tree") else "."),
        f"- Данные: {shape['municipalities']} муниципалитета, {number(shape['organizations'], 0)} организаций, "
        f"{number(shape['participants'], 0)} участников, {number(shape['programs'], 0)} программ, "
        f"{number(shape['events'], 0)} мероприятий, {number(shape['participations'], 0)} участий, "
        f"{number(shape['enrollments'], 0)} зачислений за {len(shape['school_years'])} учебных лет; "
        f"программ с 1 000 и более зачислений — {shape['programs_with_1000_enrollments']}, у самой большой "
        f"{number(shape['largest_programs'][0]['enrollments'], 0)}. Загрузка в PostgreSQL "
        f"(генерация и вставка) — {number(results['database']['load_seconds'], 0)} с.",
        f"- Фазы: разогрев {phases['warmup_requests']} запросов; задержка — один клиент, до "
        f"{number(phases['latency_requests'], 0)} запросов или {number(phases['latency_seconds'], 0)} с; пропускная способность — "
        f"16 клиентов {number(phases['throughput_seconds'], 0)} с; SQL-запросы — отдельный прогон, "
        f"{phases['count_requests']} запросов через считающий прокси; память — {number(2 * phases['growth_requests'], 0)} "
        "запросов вперемешку по всем нагрузкам, 16 клиентов.",
        "",
        "В столбце SQL-запросов в скобках — прочие команды на запрос: BEGIN, COMMIT, ROLLBACK и пустые "
        "запросы проверки соединения. CPU сервера — время процессора его процесса за фазу 16 клиентов на "
        "один запрос, без PostgreSQL; CPU клиента — доля одного ядра, которую съел генератор нагрузки.",
        "",
        "| нагрузка | система | p50, мс | p99, мс | запросов/с, 16 клиентов | SQL-запросов на запрос | CPU сервера, мс на запрос | CPU клиента, доля ядра |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for measurement in results["measurements"]:
        lines.append(
            f"| {measurement['workload']} | {LABELS[measurement['system']]} | {number(measurement['p50_ms'], 2)} | "
            f"{number(measurement['p99_ms'], 2)} | {number(measurement['requests_per_second'], 0)} | "
            f"{format_statements(measurement).replace('.', ',')} | {number(measurement['server_cpu_ms_per_request'], 2)} | "
            f"{number(measurement['client_cpu_share'] * 100, 0)} % |"
        )
    lines += ["", "| система | пик RSS, МиБ | RSS после 5 000 запросов, МиБ | после 10 000, МиБ | рост |", "|---|---|---|---|---|"]
    for memory in results["memory"]:
        growth = f"{number(memory['growth'] * 100)} %" if memory["growth"] is not None else "—"
        halves = memory.get("growth_requests") or []
        after_first = number(memory["rss_at_5000_kib"] / MIB, 0)
        after_second = number(memory["rss_at_10000_kib"] / MIB, 0)
        if len(halves) == 2 and halves != [5000, 5000]:
            # A half that ran out of time sent fewer requests; say how many were sent by then.
            after_first += f" (после {number(halves[0], 0)})"
            after_second += f" (после {number(halves[0] + halves[1], 0)})"
        lines.append(
            f"| {LABELS[memory['system']]} | {number(memory['peak_kib'] / MIB, 0)} | {after_first} | {after_second} | {growth} |"
        )
    lines += ["", "Цели (отношения из этого же прогона):", "", "| цель | измерено | выполнена |", "|---|---|---|"]
    for label, value, met in evaluate_targets(results):
        lines.append(f"| {label} | {value.replace('.', ',')} | {verdict_text(met)} |")
    lines += ["", "Проверка совпадения данных:", ""]
    for name, verdict in results["checks"].items():
        lines.append(f"- {name}: {'данные совпадают' if verdict == 'ok' else verdict}.")
    if results["imports"]:
        lines += ["", "W5, `talents import participations` на PostgreSQL (bench.imports):", "",
                  "| прогон | строк | время, с | пиковый RSS, МиБ |", "|---|---|---|---|"]
        for run in results["imports"]:
            if run["targeted"]:
                lines.append(f"| {run['name']} | {number(run['rows'], 0)} | {number(run['seconds'])} | "
                             f"{number(run['peak_rss_kib'] / MIB, 0)} |")
    lines += ["", "SQL-запросы нашего сервера на один запрос (текст обрезан):", ""]
    for measurement in results["measurements"]:
        if measurement["system"] == "ours" and measurement["statement_texts"]:
            lines.append(f"- {measurement['workload']}:")
            lines += [f"  - `{text.replace('`', '')}`" for text in measurement["statement_texts"]]
    return "\n".join(lines)


def write_markdown(results: dict[str, Any], path: Path) -> None:
    """Replace the generated block of `path`, keeping the hand-written text around it."""
    block = f"{BEGIN_MARKER}\n{markdown_block(results)}\n{END_MARKER}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        start, end = text.find(BEGIN_MARKER), text.find(END_MARKER)
        if start != -1 and end != -1:
            path.write_text(text[:start] + block + text[end + len(END_MARKER):], encoding="utf-8")
            return
    path.write_text(f"{INTRO}\n{block}\n", encoding="utf-8")
