"""The audit's folder: one Parquet part file per finished partition, a completion marker
written last, and the combined findings.parquet / articles.parquet.

    DIR/run.json                       what the run is over (sources, options): a re-run resumes
                                       only when it matches
    DIR/parts/findings-SSSS-BBBBBB.parquet
    DIR/parts/articles-SSSS-BBBBBB.parquet
    DIR/parts/SSSS-BBBBBB.done         written (atomically) after both part files: the partition
                                       is finished, a re-run skips it
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterator

OUTPUTS = ("findings.parquet", "articles.parquet", "summary.json", "report.html")


class AuditError(Exception):
    """A problem that stops the audit (exit 2): the message says what to do."""


def findings_schema() -> Any:
    import pyarrow as pa

    loc = [("path", pa.string()), ("line", pa.int32()), ("column", pa.int32()),
           ("end_line", pa.int32()), ("end_column", pa.int32())]
    fix = pa.struct([("message", pa.string()), ("safe", pa.bool_()),
                     ("edits", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()),
                                                   ("text", pa.string())])))])
    return pa.schema([("source", pa.string()), ("article_id", pa.string()), *loc,
                      ("code", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
                      ("message", pa.string()), ("text", pa.string()),
                      ("related", pa.list_(pa.struct(loc + [("message", pa.string())]))),
                      ("fix", fix), ("date", pa.date32()), ("section", pa.string()),
                      ("before", pa.string()), ("flagged", pa.string()), ("after", pa.string()),
                      ("other_message", pa.string()), ("other_line", pa.int32()),
                      ("other_before", pa.string()), ("other_flagged", pa.string()),
                      ("other_after", pa.string())])


def articles_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("source", pa.string()), ("row", pa.int64()), ("article_id", pa.string()),
                      ("path", pa.string()), ("headline", pa.string()), ("date", pa.date32()),
                      ("section", pa.string()), ("url", pa.string()), ("words", pa.int64()),
                      ("findings", pa.int32()), ("errors", pa.int32()), ("warnings", pa.int32()),
                      ("infos", pa.int32()), ("failed", pa.bool_())])


class PartStore:
    """Part files and markers under ``out``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.parts = out / "parts"

    def prepare(self, manifest: dict[str, Any], force: bool) -> int:
        """Make the folder ready: start over with ``force``; else refuse to mix runs over
        different sources or options. Returns how many partitions are already finished."""
        if self.out.exists() and not self.out.is_dir():
            raise AuditError(f"--out {self.out}: not a folder")
        if force:
            shutil.rmtree(self.parts, ignore_errors=True)
            for name in OUTPUTS + ("run.json",):
                (self.out / name).unlink(missing_ok=True)
        run_file = self.out / "run.json"
        done = self.done_ids()
        if done and run_file.exists():
            old = json.loads(run_file.read_text(encoding="utf-8"))
            if old.get("fingerprint") != manifest["fingerprint"]:
                raise AuditError(f"{self.out} holds an audit of other sources or with other options "
                                 f"({len(done)} partitions done); use --force to start over, or another --out")
        elif done:
            raise AuditError(f"{self.out}/parts holds partitions of an unknown run; use --force to start over")
        self.parts.mkdir(parents=True, exist_ok=True)
        for stale in self.parts.glob(".tmp-*"):  # from a run killed while writing
            stale.unlink(missing_ok=True)
        _write_atomic(run_file, json.dumps(manifest, indent=2, ensure_ascii=False, default=str).encode())
        return len(done)

    def is_done(self, pid: str) -> bool:
        return (self.parts / f"{pid}.done").exists()

    def done_ids(self) -> list[str]:
        if not self.parts.is_dir():
            return []
        return sorted(p.name[:-5] for p in self.parts.glob("*.done"))

    def write(self, pid: str, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Both part files of a partition, then its marker (each written whole or not at all)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name, schema in (("findings", findings_schema()), ("articles", articles_schema())):
            table = pa.Table.from_pylist(rows[name], schema=schema)
            tmp = self.parts / f".tmp-{name}-{pid}.parquet"
            pq.write_table(table, tmp)
            _fsync(tmp)
            os.replace(tmp, self.parts / f"{name}-{pid}.parquet")
        marker = {"articles": len(rows["articles"]), "findings": len(rows["findings"])}
        _write_atomic(self.parts / f"{pid}.done", json.dumps(marker).encode())

    def combine(self, on_part: Callable[[Any, Any], None]) -> None:
        """findings.parquet and articles.parquet from the finished parts, in partition order,
        one part in memory at a time; ``on_part(findings, articles)`` sees each part's tables."""
        import pyarrow.parquet as pq

        writers = {name: pq.ParquetWriter(self.out / f".tmp-{name}.parquet", schema)
                   for name, schema in (("findings", findings_schema()), ("articles", articles_schema()))}
        try:
            for findings, articles in self.read_parts():
                writers["findings"].write_table(findings)
                writers["articles"].write_table(articles)
                on_part(findings, articles)
        finally:
            for w in writers.values():
                w.close()
        for name in writers:
            os.replace(self.out / f".tmp-{name}.parquet", self.out / f"{name}.parquet")

    def read_parts(self) -> Iterator[tuple[Any, Any]]:
        import pyarrow.parquet as pq

        for pid in self.done_ids():
            yield (pq.read_table(self.parts / f"findings-{pid}.parquet", schema=findings_schema()),
                   pq.read_table(self.parts / f"articles-{pid}.parquet", schema=articles_schema()))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
