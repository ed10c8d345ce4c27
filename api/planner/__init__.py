"""Planned execution: answer common read queries with one SQL statement per root field.

Resolving a response field by field costs graphql-core a few microseconds per field, which for
a page of 100 objects with their relations is several times the SQL itself. For operations whose
every field maps to a column, a foreign-key relation or a listed computed value, the planner
reads the rows the selection needs in one SELECT and builds the response directly. Everything
else, and every request the plan cannot answer exactly, goes through normal resolution.

With `verify` on (the test suite does this), both paths run for every planned request, the
normal one answers, and a difference fails the request.
"""

import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any

import orjson
from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.execution import ExecutionContext

from api.planner.plan import OperationPlan, Planner, Unplannable
from api.planner.run import PlanRunner

logger = logging.getLogger(__name__)

# Statements that verification runs carry this execution option, so counters can leave them out.
VERIFY_OPTION = "planner_verify"
PLAN_CACHE_SIZE = 256


class PlanMismatch(Exception):
    """A planned result that differed from normal resolution: a defect of the planner."""


class QueryPlanner:
    """Plans operations once, keeps the plans in a bounded cache and runs them."""

    def __init__(self) -> None:
        self._planner: Planner | None = None
        self._runner: PlanRunner | None = None
        self._plans: OrderedDict[tuple[str, str | None], OperationPlan | None] = OrderedDict()

    def bind(self, schema: Any) -> None:
        """Attach the Strawberry schema whose operations are planned."""
        self._planner = Planner(schema._schema)
        self._runner = PlanRunner(schema._schema, self._planner, schema.schema_converter.scalar_registry, schema.config)

    def plan_for(self, execution: ExecutionContext) -> OperationPlan | None:
        assert self._planner is not None and execution.graphql_document is not None
        key = (execution.query or "", execution.operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        try:
            plan: OperationPlan | None = self._planner.plan_operation(execution.graphql_document, execution.operation_name)
        except Unplannable as reason:
            logger.debug("operation %s is resolved field by field: %s", execution.operation_name, reason)
            plan = None
        except Exception:
            logger.exception("could not plan operation %s; it is resolved field by field", execution.operation_name)
            plan = None
        self._store(key, plan)
        if plan is not None and sum(isinstance(d, OperationDefinitionNode) for d in plan.document.definitions) == 1:
            # Strawberry names the only operation of a document even when the request gave no
            # operationName, and the direct path looks such requests up without a name.
            self._store((key[0], None), plan)
        return plan

    def _store(self, key: tuple[str, str | None], plan: OperationPlan | None) -> None:
        self._plans[key] = plan
        if len(self._plans) > PLAN_CACHE_SIZE:
            self._plans.popitem(last=False)

    def cached_plan(self, query: str, operation_name: str | None) -> OperationPlan | None:
        """Return the plan of an operation that an earlier request planned, else None.

        Plans are made only after Strawberry validated the document, so a cached plan also
        means the document is valid.
        """
        return self._plans.get((query, operation_name))

    async def run_planned(self, plan: OperationPlan, context: Any, variables: dict[str, Any] | None) -> dict[str, Any] | None:
        """Return the data of `plan` for these variables, or None when normal resolution must run."""
        assert self._runner is not None
        try:
            return await self._runner.run(plan, context, variables, {})
        except Unplannable as reason:
            logger.debug("planned operation falls back: %s", reason)
        except Exception as error:
            log_failure(None, error)
        return None

    async def try_run(self, execution: ExecutionContext, *, verify: bool) -> dict[str, Any] | None:
        """Return the data of a planned answer, or None when normal resolution must answer."""
        plan = self.plan_for(execution)
        if plan is None:
            return None
        assert self._runner is not None
        options = {VERIFY_OPTION: True} if verify else {}
        try:
            return await self._runner.run(plan, execution.context, execution.variables, options)
        except Unplannable as reason:
            logger.debug("planned operation %s falls back: %s", execution.operation_name, reason)
        except Exception as error:
            # Normal resolution answers, and reports the failure in its own terms if it recurs.
            log_failure(execution.operation_name, error)
        return None


def log_failure(operation_name: str | None, error: Exception) -> None:
    """Log a failed planned read in one line: the driver's message without the statement, which
    for a wide selection runs to tens of kilobytes."""
    cause = getattr(error, "orig", None) or error
    message = str(cause).splitlines()[0][:300] if str(cause) else ""
    logger.warning(
        "planned operation %s failed (%s: %s); falling back to normal resolution",
        operation_name,
        type(cause).__name__,
        message,
    )


class PlannedExecution(SchemaExtension):
    """Answers a planned operation before graphql-core executes it; in verify mode, compares."""

    def __init__(self, *, planner: QueryPlanner, verify: bool = False) -> None:
        self.planner = planner
        self.verify = verify

    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        execution = self.execution_context
        planned = None
        if execution.result is None:
            planned = await self.planner.try_run(execution, verify=self.verify)
            if planned is not None and not self.verify:
                execution.result = ExecutionResult(data=planned, errors=None)
        yield
        if self.verify and planned is not None:
            self.compare(execution, planned)

    def compare(self, execution: ExecutionContext, planned: dict[str, Any]) -> None:
        result = execution.result
        if result is not None and not result.errors and result.data == planned:
            return
        normal = {"data": result.data if result else None, "errors": [str(e) for e in (result.errors or [])] if result else None}
        logger.error(
            "planned and normal results differ for operation %s:\nplanned: %s\nnormal: %s",
            execution.operation_name,
            orjson.dumps(planned, default=str).decode()[:4000],
            orjson.dumps(normal, default=str).decode()[:4000],
        )
        # Strawberry returns the result object it already holds, so the check changes it in place.
        failure = GraphQLError(
            "planned and normal results differ",
            path=list(planned)[:1],
            original_error=PlanMismatch(execution.operation_name),
        )
        if result is None:
            execution.result = ExecutionResult(data=None, errors=[failure])
        else:
            result.data = None
            result.errors = [failure]
