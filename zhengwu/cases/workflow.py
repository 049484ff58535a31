"""The review steps of a case as a BPMN 2.0 process, run by SpiffWorkflow.

The legal state of a case lives in `Case.state`; the BPMN process only says which review steps are open.
A process is a set of *branches* (branch 0: the implementing department; for 联办件 one more branch per joint
department, run in parallel and joined before the decision). Each user task carries two extension properties
(`spiffworkflow:property`): `post` — the standard post code the step is assigned to, resolved in the branch's
department — and `branch` — the branch index. A reviewer's outcome is written to the task's data as
`outcome_<task id>`; gateways after each task end the branch early on "reject".

Per-matter processes (`MatterVersion.process_bpmn`) follow the same conventions; `validate_process_xml`
checks them before they are published.

The serialised workflow is kept with the case without its spec (the spec is identified by the SM3 of its XML
and rebuilt, once per process, from the generator or the matter version).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from uuid import UUID
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from lxml import etree
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from zhengwu.errors import InvalidInput, StateConflict

PROCESS_ID = "review"
DEFAULT_STEPS = (("first_review", "初审"), ("review", "审核"), ("approval", "审批"))
REJECT = "reject"


class _CaseWorkflowConverter(BpmnWorkflowConverter):
    """A case's workflow without its spec: the spec is parsed once per process and shared by every workflow that
    runs it (SpiffWorkflow never changes a spec while running it), so it is neither written with each case nor
    rebuilt on each restore."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, *, spec, subprocess_specs):
        workflow = self.target_class(spec, subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_serializer = BpmnWorkflowSerializer(
    BpmnWorkflowSerializer.configure({**SPIFF_CONFIG, BpmnWorkflow: _CaseWorkflowConverter})
)


def build_review_bpmn(branch_count: int = 1, steps=DEFAULT_STEPS) -> str:
    """The generated review process: `branch_count` parallel branches of `steps` (初审 → 审核 → 审批)."""
    if branch_count < 1:
        raise ValueError("a process needs at least one branch")
    parallel = branch_count > 1
    nodes: list[str] = ['<bpmn:startEvent id="start"/>']
    flows: list[tuple[str, str, str | None]] = []  # (source, target, condition)
    if parallel:
        nodes.append('<bpmn:parallelGateway id="fork"/>')
        nodes.append('<bpmn:parallelGateway id="join"/>')
        flows.append(("start", "fork", None))
    for branch in range(branch_count):
        entry = "fork" if parallel else "start"
        merge = f"B{branch}_done"
        nodes.append(f'<bpmn:exclusiveGateway id="{merge}"/>')
        previous = entry
        for post, label in steps:
            task = f"T{branch}_{post}"
            nodes.append(
                f'<bpmn:userTask id="{task}" name="{escape(label)}"><bpmn:extensionElements>'
                f"<spiffworkflow:properties>"
                f'<spiffworkflow:property name="post" value="{post}"/>'
                f'<spiffworkflow:property name="branch" value="{branch}"/>'
                f"</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>"
            )
            flows.append((previous, task, None))
            gateway = f"{task}_gw"
            nodes.append(f'<bpmn:exclusiveGateway id="{gateway}" default="{gateway}_next"/>')
            flows.append((task, gateway, None))
            flows.append((gateway, merge, f'outcome_{task} == "{REJECT}"'))
            previous = gateway
        # The default flow of the last gateway also goes to the branch merge.
        flows.append((previous, merge, None))
        flows.append((merge, "join" if parallel else "end", None))
    nodes.append('<bpmn:endEvent id="end"/>')
    if parallel:
        flows.append(("join", "end", None))

    # Name the default flows as the gateways declared them.
    flow_xml: list[str] = []
    counter = 0
    for source, target, condition in flows:
        if source.endswith("_gw") and condition is None:
            flow_id = f"{source}_next"
        else:
            counter += 1
            flow_id = f"F{counter}"
        body = f"<bpmn:conditionExpression>{escape(condition)}</bpmn:conditionExpression>" if condition else ""
        flow_xml.append(
            f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}">{body}</bpmn:sequenceFlow>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="zhengwu_review" targetNamespace="https://zhengwu.example/bpmn">\n'
        f'<bpmn:process id="{PROCESS_ID}" isExecutable="true">\n'
        + "\n".join(nodes + flow_xml)
        + "\n</bpmn:process>\n</bpmn:definitions>\n"
    )


@dataclass(frozen=True)
class _Spec:
    key: str
    spec: object
    subprocess_specs: dict
    task_count_by_branch: dict[int, int]


def _digest(xml: str) -> str:
    return hashlib.new("sm3", xml.encode()).hexdigest()


@functools.lru_cache(maxsize=256)
def _load(xml: str) -> _Spec:
    parser = SpiffBpmnParser()
    try:
        parser.add_bpmn_xml(etree.fromstring(xml.encode()), filename="process.bpmn")
        spec = parser.get_spec(PROCESS_ID)
        subprocess_specs = parser.get_subprocess_specs(PROCESS_ID)
    except (etree.XMLSyntaxError, SpiffWorkflowException, ValueError, KeyError) as exc:
        raise InvalidInput(_("审批流程定义无效：%(error)s") % {"error": exc}, field="process_bpmn") from exc
    counts: dict[int, int] = {}
    for task_spec in spec.task_specs.values():
        props = getattr(task_spec, "extensions", {}).get("properties") if hasattr(task_spec, "extensions") else None
        if task_spec.manual:
            if not props or "post" not in props:
                raise InvalidInput(
                    _("审批流程中的环节“%(name)s”未指定岗位（post 属性）。")
                    % {"name": task_spec.bpmn_name or task_spec.name},
                    field="process_bpmn",
                )
            try:
                branch = int(props.get("branch", 0))
            except ValueError as exc:
                raise InvalidInput(
                    _("审批流程中的环节“%(name)s”的分支（branch 属性）不是整数。")
                    % {"name": task_spec.bpmn_name or task_spec.name},
                    field="process_bpmn",
                ) from exc
            counts[branch] = counts.get(branch, 0) + 1
    if not counts:
        raise InvalidInput(_("审批流程中没有任何审查环节。"), field="process_bpmn")
    return _Spec(
        key=_digest(xml),
        spec=spec,
        subprocess_specs=subprocess_specs,
        task_count_by_branch=counts,
    )


def validate_process_xml(xml: str) -> dict[int, int]:
    """Parse a per-matter process; return the number of review steps per branch. Raises InvalidInput."""
    return _load(xml).task_count_by_branch


def process_xml_for(matter_version, branch_count: int) -> tuple[dict, str]:
    """The process a case of `matter_version` runs, and how to find it again when the case is restored."""
    if matter_version.process_bpmn.strip():
        return {"kind": "matter", "version_id": matter_version.pk}, matter_version.process_bpmn
    return {"kind": "generated", "branches": branch_count}, build_review_bpmn(branch_count)


def _xml_from_source(source: dict, matter_version) -> str:
    if source["kind"] == "matter":
        return matter_version.process_bpmn
    return build_review_bpmn(int(source["branches"]))


@dataclass
class OpenTask:
    task_id: str
    spec_name: str
    label: str
    post_code: str
    branch: int


class ReviewProcess:
    """A running review process of one case."""

    def __init__(self, workflow: BpmnWorkflow, source: dict, spec: _Spec, branches: list[int]):
        self.workflow = workflow
        self.source = source
        self.spec = spec
        self.branches = branches  # department id per branch index

    # -- lifecycle -------------------------------------------------------------------------------------
    @classmethod
    def start(cls, matter_version, branch_departments: list[int]) -> ReviewProcess:
        source, xml = process_xml_for(matter_version, len(branch_departments))
        spec = _load(xml)
        missing = [b for b in spec.task_count_by_branch if b >= len(branch_departments)]
        if missing:
            raise StateConflict(
                _("审批流程的分支数与联办部门数不一致。"),
                code="process_misconfigured",
                branches=len(branch_departments),
            )
        workflow = BpmnWorkflow(spec.spec, spec.subprocess_specs)
        workflow.do_engine_steps()
        return cls(workflow, source, spec, list(branch_departments))

    @classmethod
    def restore(cls, state: dict, matter_version) -> ReviewProcess:
        xml = _xml_from_source(state["source"], matter_version)
        spec = _load(xml)
        if spec.key != state["spec"]:
            raise StateConflict(_("办件的审批流程定义已变化，无法继续。"), code="process_changed")
        data = dict(state["workflow"])
        data["subprocesses"] = dict(data.get("subprocesses", {}))  # restoring pops from it; the case keeps its own
        workflow = _serializer.from_dict(data, spec=spec.spec, subprocess_specs=spec.subprocess_specs)
        return cls(workflow, state["source"], spec, list(state["branches"]))

    @classmethod
    def finished_in(cls, state: dict, matter_version) -> bool:
        """Whether the stored process has ended, read from the flag `dump` records (set only once the process
        ends); restored and asked only when the flag is not set."""
        return bool(state["workflow"].get("completed")) or cls.restore(state, matter_version).finished

    def dump(self) -> dict:
        self.workflow.is_completed()  # brings the `completed` flag up to date before it is written
        data = _serializer.to_dict(self.workflow)
        return {"source": self.source, "spec": self.spec.key, "branches": self.branches, "workflow": data}

    # -- reading ---------------------------------------------------------------------------------------
    def open_tasks(self) -> list[OpenTask]:
        tasks = []
        for task in self.workflow.get_tasks(state=TaskState.READY, manual=True):
            props = task.task_spec.extensions.get("properties", {})
            tasks.append(
                OpenTask(
                    task_id=str(task.id),
                    spec_name=task.task_spec.name,
                    label=task.task_spec.bpmn_name or task.task_spec.name,
                    post_code=props["post"],
                    branch=int(props.get("branch", 0)),
                )
            )
        return tasks

    def steps_in_branch(self, branch: int) -> int:
        return self.spec.task_count_by_branch.get(branch, 1)

    @property
    def finished(self) -> bool:
        return self.workflow.is_completed()

    # -- acting ----------------------------------------------------------------------------------------
    def complete(self, task_id: str, outcome: str) -> None:
        for task in self.workflow.get_tasks(state=TaskState.READY, manual=True):
            if str(task.id) == task_id:
                task.data[f"outcome_{task.task_spec.name}"] = outcome
                task.run()
                self.workflow.do_engine_steps()
                return
        raise StateConflict(_("该审查环节不是待办状态。"), code="step_not_open")
