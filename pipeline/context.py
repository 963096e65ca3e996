"""The settings every stage receives for one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .parallel import EXECUTORS

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_REVIEW = PROJECT_DIR / "corpus" / "review.txt"
DEFAULT_PUBMED_CACHE = PROJECT_DIR / "corpus" / "pubmed"
DEFAULT_GOLD_DIR = PROJECT_DIR / "annotations"
DEFAULT_OUT_DIR = Path("outputs")
DATA_DIR = PACKAGE_DIR / "data"
# A review or abstract file larger than this is refused rather than read into memory.
DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000
#: Agents the relations stage extracts for (``--option relation_agents=...``): every recognised
#: agent (DRUG mention), or only the review's project agents, also DrugBank-normalised
#: drugs, also MeSH-normalised chemicals. The first is the default.
AGENT_SCOPES = ("all", "project", "drugs", "chemicals")
DEFAULT_AGENT_SCOPE = AGENT_SCOPES[0]
#: Run profiles (``--profile``) and the agent scope each reads relations for. The NER is the same in
#: both (lexicons and rules; the trained-model "accurate" profile was removed: 13x slower per core and
#: no better, 0.752 vs 0.750 strict micro-F1 on BioRED test). ``default`` reads every recognised agent;
#: ``fast`` only the project's agents (the IL-6 view), because reading every agent makes the relation
#: rules run on most sentences of an abstract and parses some, ~10x the end-to-end time (README "Profiles").
#: ``--option relation_agents=`` overrides the profile's scope.
PROFILE_AGENT_SCOPES = {"default": DEFAULT_AGENT_SCOPE, "fast": "project"}
PROFILES = tuple(PROFILE_AGENT_SCOPES)
DEFAULT_PROFILE = PROFILES[0]
#: NER methods (``build_nlp(profile=...)``): lexicons and rules, the one both run profiles use.
NER_PROFILES = ("fast",)
#: ``--option`` keys a stage reads, with their allowed values (None: any; ``run_id`` is set by ``evidence run``).
#: ``progress=off`` (set by ``evidence -q``) draws no progress bars (pipeline.progress).
OPTION_CHOICES: dict[str, tuple[str, ...] | None] = {"relation_agents": AGENT_SCOPES, "run_id": None,
                                                     "progress": ("on", "off")}
#: The IL-6 project's curated agents and layout cues (a project file may name its own).
DEFAULT_AGENTS_TABLE = DATA_DIR / "lexicon" / "agents.tsv"
DEFAULT_LAYOUT_CUES = DATA_DIR / "ingest" / "layout_cues.json"


@dataclass(frozen=True)
class Project:
    """What makes a run about one review: read from a project file by :func:`pipeline.project.load_project`.

    The defaults are the IL-6 project shipped with the package (``evidence.toml`` says the same).
    ``review`` and ``gold_dir`` are None when the file names none (the command-line defaults apply).
    """

    name: str = "il6-evidence"
    report_title: str = "IL-6 / IL-6R / gp130 blockers in breast cancer: extracted evidence"
    review: Path | None = None
    review_title: str = ""
    layout_cues: Path = DEFAULT_LAYOUT_CUES
    agents_table: Path = DEFAULT_AGENTS_TABLE
    target_classes: tuple[str, ...] = ("IL-6", "IL-6R", "gp130", "IL-6/sIL-6R complex")
    gold_dir: Path | None = None
    pubmed_queries: tuple[str, ...] = ()
    source: Path | None = None


@dataclass(frozen=True)
class RunContext:
    """Where a run reads and writes, and the options that shape it.

    Stages read their inputs from ``out_dir`` (the previous stage's files) and
    the external inputs named here; nothing else.
    """

    out_dir: Path = DEFAULT_OUT_DIR
    review_path: Path = DEFAULT_REVIEW
    pubmed_snapshot: Path | None = None
    pubmed_cache: Path = DEFAULT_PUBMED_CACHE
    pubtator_files: tuple[Path, ...] = ()
    bioc_files: tuple[Path, ...] = ()
    # PubMed baseline/update files (pubmedNNnNNNN.xml.gz) or folders of them, streamed article by article.
    pubmed_baseline: tuple[Path, ...] = ()
    gold_dir: Path = DEFAULT_GOLD_DIR
    profile: str = DEFAULT_PROFILE
    workers: int = 1
    executor: str = "local"
    scheduler: str | None = None
    chunk_size: int = 64
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    # Reuse and fill the run folder's result store (NER and relations per document; docs/scaling.md).
    refresh: bool = False
    options: tuple[tuple[str, str], ...] = field(default=())
    project: Project = field(default_factory=Project)

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise UsageError(f"unknown profile {self.profile!r}; choose one of {', '.join(PROFILES)}")
        if self.executor not in EXECUTORS:
            raise UsageError(f"unknown executor {self.executor!r}; choose one of {', '.join(EXECUTORS)}")
        for name, value in (("workers", self.workers), ("chunk_size", self.chunk_size),
                            ("max_document_bytes", self.max_document_bytes)):
            if value < 1:
                raise UsageError(f"--{name.replace('_', '-')} must be at least 1, got {value}")
        for key, value in self.options:
            if key not in OPTION_CHOICES:
                raise UsageError(f"unknown option {key!r}; known options: {', '.join(OPTION_CHOICES)}")
            choices = OPTION_CHOICES[key]
            if choices is not None and value not in choices:
                raise UsageError(f"option {key}={value!r} is not one of {', '.join(choices)}")

    @property
    def run_id(self) -> str | None:
        """Set by ``evidence run``; None when a stage is run alone."""
        return self.option("run_id")

    @property
    def agent_scope(self) -> str:
        """The agents relations are read for: ``--option relation_agents`` if given, else the profile's."""
        return self.option("relation_agents") or PROFILE_AGENT_SCOPES[self.profile]

    def option(self, name: str, default: str | None = None) -> str | None:
        return dict(self.options).get(name, default)
