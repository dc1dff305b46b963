"""Text out of every format users share, safely.

Contract (docs/architecture.md):

- `Extractor(config)`: `.extract(path, display_path=None) -> Extraction`, raising
  `agent.errors.ExtractionError` subclasses; `.close()`. Parsing and OCR run in ONE long-lived
  worker process (the OCR model is loaded once, lazily) under an address-space cap
  (`limits.memory_mb`); a worker that overruns `limits.timeout_s` is killed and restarted
  (ExtractionTimeout), one that crashes is restarted (CorruptFile). The caller's process never
  imports a parser or the OCR runtime.
- `extract_in_process(path, config)`: the same extraction in the calling process (debugging,
  fuzzing, the worker itself).
- `sniff(path) -> media type` from the bytes.

Unreadable errors carry `.sha256` and `.size` when known, so the log can name the file.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
import threading
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from agent import errors as E
from agent.extract.base import REGISTRY, Budget, Ctx, Extract, Parts
from agent.extract.media import UNKNOWN, sniff, sniff_bytes
from detectors.model import Block, BlockKind, Extraction, Source

if TYPE_CHECKING:
    import subprocess
    from multiprocessing.connection import Connection

    from agent.config import Config
    from agent.extract.ocr import Ocr
    from agent.worker_process import LaunchedWorker

__all__ = ["Extractor", "extract_bytes", "extract_in_process", "read_file", "sniff", "sniff_bytes"]
log = logging.getLogger(__name__)
MB = 1024 * 1024
UNMAPPED = "reader error: "  # prefix of CorruptFile reasons from unexpected library errors
_loaded = False


def _load_extractors() -> None:
    """Import the format modules so they register themselves (kept out of import time)."""
    global _loaded
    if not _loaded:
        from agent.extract import (  # noqa: F401
            archive,
            docx,
            image,
            legacy_office,
            ofd,
            pdf,
            rtf,
            text,
            xlsx,
        )

        _loaded = True


# ---------------------------------------------------------------- reading the file


def _attach(
    err: E.ExtractionError, sha256: str | None, size: int | None, media_type: str | None = None
) -> E.ExtractionError:
    """Give an error what the log needs to name the file: `.sha256`, `.size`, `.media_type`."""
    for key, value in (("sha256", sha256), ("size", size), ("media_type", media_type)):
        if getattr(err, key, None) is None:
            setattr(err, key, value)
    return err


def _os_error(e: OSError, path: Path) -> E.FileAccessError:
    if isinstance(e, FileNotFoundError):
        return E.FileAccessError(f"file vanished before it could be read: {path.name}")
    if isinstance(e, PermissionError):
        return E.FileAccessError(f"permission denied: {path.name}")
    if e.errno == errno.ELOOP:
        return E.FileAccessError(f"symbolic link loop: {path.name}")
    if e.errno == errno.EISDIR:
        return E.FileAccessError(f"is a directory: {path.name}")
    return E.FileAccessError(f"cannot read {path.name}: {e.strerror or e}")


def check_file(path: Path, config: Config) -> os.stat_result:
    """Stat `path` (following links) and apply the cheap checks: regular file, size limit."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise _os_error(e, path) from e
    if not stat.S_ISREG(st.st_mode):
        raise E.FileAccessError(f"not a regular file: {path.name}")
    limit = config.limits.max_file_mb * MB
    if st.st_size > limit:
        raise _attach(
            E.TooLarge(
                f"file is {st.st_size / MB:.0f} MB (limit {config.limits.max_file_mb:g} MB)"
            ),
            None,
            st.st_size,
        )
    return st


def read_file(path: str | os.PathLike[str], config: Config) -> tuple[bytes, str, int]:
    """(bytes, sha256, size) read in one go; a file that changes or vanishes meanwhile, a
    non-regular file (FIFO, device: would block) or one over the size limit is refused."""
    path = Path(path)
    before = check_file(path, config)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise _os_error(e, path) from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise E.FileAccessError(f"not a regular file: {path.name}")
        limit = int(config.limits.max_file_mb * MB)
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise _attach(E.TooLarge("file grew over the size limit while read"), None, total)
            chunks.append(chunk)
        after = os.fstat(fd)
    except OSError as e:
        raise _os_error(e, path) from e
    finally:
        os.close(fd)
    data = b"".join(chunks)
    digest = hashlib.sha256(data).hexdigest()
    changed = (
        after.st_size != before.st_size
        or after.st_mtime_ns != before.st_mtime_ns
        or len(data) != after.st_size
    )
    if changed:
        raise _attach(
            E.FileAccessError("file changed while it was read (still being written?)"),
            digest,
            len(data),
        )
    return data, digest, len(data)


# ---------------------------------------------------------------- extraction


def extract_bytes(
    data: bytes,
    display_path: str,
    ctx: Ctx,
    sha256: str | None = None,
    *,
    reader: tuple[str, Extract] | None = None,
) -> Extraction:
    """Sniff and extract `data`; the file name becomes a FILENAME block. `reader` (media type,
    function) reads something that is not a file of its own, as that type: a Word document
    embedded as a storage of its host's OLE container (`data` is then what identifies it)."""
    digest = sha256 or hashlib.sha256(data).hexdigest()
    media: str | None = None
    try:
        media = sniff_bytes(data) if reader is None else reader[0]
        fn = REGISTRY.get(media) if reader is None else reader[1]
        if fn is None and not _loaded:  # a worker expecting a picture imports only that reader
            _load_extractors()
            fn = REGISTRY.get(media)
        if media == "application/x-ooxml-encrypted":
            raise E.EncryptedFile("the Office file is password-protected (encrypted package)")
        if fn is None:
            raise E.UnsupportedFormat(_unsupported_reason(media, display_path))
        parts = fn(data, ctx)
        if ctx.depth == 0 and ctx.budget.skipped and not _has_content(parts):
            raise ctx.budget.skipped[0]  # a limit kept everything from being read
    except E.ExtractionError as e:
        raise _attach(e, digest, len(data), media) from None
    except MemoryError as e:
        err = E.TooLarge("file too large for the memory limit")
        raise _attach(err, digest, len(data), media) from e
    except RecursionError as e:
        err = E.CorruptFile("structure nested too deeply")
        raise _attach(err, digest, len(data), media) from e
    except Exception as e:  # a library error no extractor mapped: still just a broken file
        log.debug("unmapped reader error on %s", display_path, exc_info=True)
        err = E.CorruptFile(f"{UNMAPPED}{type(e).__name__}: {e}")
        raise _attach(err, digest, len(data), media) from e
    name = PurePosixPath(display_path.replace("\\", "/").rsplit("!", 1)[-1]).name
    # odd bytes in a name (surrogate-escaped by the OS layer) become U+FFFD, printable anywhere
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    blocks = [Block(name, BlockKind.FILENAME, origin="filename"), *parts.blocks]
    return Extraction(
        source=Source(display_path, digest, len(data), media),
        blocks=tuple(blocks),
        tables=tuple(parts.tables),
        metadata=tuple(parts.metadata),
        ocr_used=parts.ocr_used,
        warnings=tuple(parts.warnings),
        members=tuple(parts.members),
        pages=parts.pages,
    )


# later parts of split archives: 7-Zip/WinZip/HaoZip "split to volumes" (a.7z.002, a.zip.002),
# RAR's old-style volumes (a.r00) and zip's spanned parts (a.z01); the first part is read as what
# it is and says so itself
_LATER_VOLUME = re.compile(r"\.(?:7z|zip|rar)\.\d{3,4}$|\.r\d{2}$|\.z\d{2}$", re.IGNORECASE)


def _unsupported_reason(media: str, display_path: str) -> str:
    name = display_path.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    if media == UNKNOWN and _LATER_VOLUME.search(name):
        return f"a later part of a split archive ({name}): read only with the other parts joined"
    return f"unsupported file type ({media})"


def _has_content(parts: Parts | Extraction) -> bool:
    """Was anything judgeable read (text, a table, a member with some), beyond file names and
    document properties?"""
    if parts.tables or any(_has_content(m) for m in parts.members):
        return True
    return any(
        b.kind not in (BlockKind.METADATA, BlockKind.FILENAME) and b.text.strip()
        for b in parts.blocks
    )


def extract_member(
    data: bytes,
    name: str,
    ctx: Ctx,
    parent: Parts,
    *,
    reader: tuple[str, Extract] | None = None,
) -> Extraction | None:
    """Extract an archive/embedded member as its own Extraction. A size or pixel limit hit
    inside a member skips that member (`not_read:<kind>:<display path>: reason` on the parent)
    and the others are still read; the time limit propagates (the caller stops reading there).
    A member that is unreadable or of an unsupported type is a warning on the parent
    (`member_unreadable:<kind>:<display path>: reason`)."""
    child = ctx.child(f"{ctx.display_path}!{name}")
    try:
        return extract_bytes(data, child.display_path, child, reader=reader)
    except E.ExtractionTimeout:
        raise
    except E.TooLarge as e:
        ctx.budget.skip(parent, child.display_path, e)
        return None
    except E.ExtractionError as e:
        parent.warnings.append(f"member_unreadable:{e.kind}:{child.display_path}: {e.reason}")
        return None


def _make_ocr(config: Config, *, short_lived: bool = False) -> Ocr | None:
    if config.ocr.engine == "none":
        return None
    from agent.extract.ocr import Ocr

    return Ocr(config, short_lived=short_lived)


def extract_in_process(
    path: str | os.PathLike[str],
    config: Config,
    display_path: str | None = None,
    *,
    ocr: Ocr | None = None,
) -> Extraction:
    """Extract in this process (no worker, no memory cap; the time limit is checked between
    pages only). `ocr` lets a long-lived caller reuse a loaded engine."""
    data, digest, _ = read_file(path, config)
    shown = display_path or str(path)
    if ocr is None:
        ocr = _make_ocr(config)
    ctx = Ctx(config, Budget(config), shown, 0, ocr)
    return extract_bytes(data, shown, ctx, sha256=digest)


# ---------------------------------------------------------------- the worker process


_ERRORS = {
    cls.__name__: cls
    for cls in (
        E.ExtractionError,
        E.UnsupportedFormat,
        E.EncryptedFile,
        E.CorruptFile,
        E.TooLarge,
        E.ExtractionTimeout,
        E.FileAccessError,
    )
}


def _sha256_of(path: Path, limit: int) -> tuple[str | None, int | None]:
    try:
        h = hashlib.sha256()
        n = 0
        with open(path, "rb", buffering=0) as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None, None
            while chunk := f.read(1 << 20):
                h.update(chunk)
                n += len(chunk)
                if n > limit:
                    return None, n
        return h.hexdigest(), n
    except OSError:
        return None, None


class Extractor:
    """Runs extraction in one killable worker process under `config.limits`. Thread-safe:
    requests are served one at a time."""

    def __init__(
        self,
        config: Config,
        *,
        in_process: bool = False,
        warm_ocr: bool = False,
        warm_page: bool = False,
        short_lived: bool = False,
        launched: LaunchedWorker | None = None,
    ) -> None:
        """`launched`: a worker process started ahead (`agent.worker_process.launch_worker`),
        used for the first start instead of a new one."""
        self.config = config
        self.in_process = in_process
        # the worker loads the OCR models as soon as it starts (in a thread, so a first text
        # file is not kept waiting): for callers that will soon OCR and have a person waiting
        self.warm_ocr = warm_ocr
        # ... and reads a synthetic page then, for a long-lived worker's memory peak (the agent)
        self.warm_page = warm_page
        # ... and the worker will read a few files and exit (`check`): OCR set up for its first
        # page's speed, not for resident memory between pages (`Ocr(short_lived=True)`)
        self.short_lived = short_lived
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._conn: Connection | None = None  # replies from the worker
        self._conn_w: Connection | None = None  # requests to the worker
        self._ocr: Ocr | None = None
        self._launched = launched
        self._unread = 0  # replies to requests not waited for, still to be read and dropped
        self.restarts = 0

    # worker lifecycle
    def _start(self) -> None:
        """Start the worker (or take the one `check` launched ahead) and send it the settings."""
        import pickle

        from agent.worker_process import launch_worker

        launched, self._launched = self._launched, None
        if launched is None or launched.proc.poll() is not None:
            if launched is not None:
                launched.discard()
            launched = launch_worker()
        launched.requests.send_bytes(
            pickle.dumps((self.config, self.warm_ocr, self.warm_page, self.short_lived))
        )
        self._proc, self._conn, self._conn_w = launched.proc, launched.replies, launched.requests

    def _ensure_started(self) -> None:
        """(Re)start the worker unless it is running (the caller holds the lock)."""
        if self._proc is None or self._proc.poll() is not None:
            if self._proc is not None:
                self._stop(kill=True)
            self._start()

    def start(self) -> None:
        """Start the worker now rather than on the first file, so that its imports (and, with
        `warm_ocr`, the OCR models) load while the caller does something else."""
        if self.in_process:
            return
        with self._lock:
            self._ensure_started()

    def _stop(self, kill: bool, wait: bool = True) -> None:
        proc, conn, conn_w = self._proc, self._conn, self._conn_w
        self._proc = self._conn = self._conn_w = None
        self._unread = 0
        if proc is None:
            return
        if not kill and conn_w is not None:
            try:
                conn_w.send(None)
            except (OSError, EOFError, BrokenPipeError):
                pass
            if wait:
                try:
                    proc.wait(2.0)
                except Exception:
                    pass
        # not waited for (`wait=False`): the idle worker was told to stop, and it exits on
        # EOF too once the channel closes below; its exit (~0.1 s freeing the models) is its own
        if (kill or wait) and proc.poll() is None:
            proc.kill()
            try:
                proc.wait(5.0)
            except Exception:
                pass
        for c in (conn, conn_w):
            if c is not None:
                try:
                    c.close()
                except OSError:
                    pass

    @property
    def worker_pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def close(self, *, wait: bool = True) -> None:
        """Stop the worker; `wait=False` (a `check` about to exit) tells it to stop without
        waiting for its process to end."""
        with self._lock:
            self._stop(kill=False, wait=wait)
            if self._launched is not None:  # started ahead, never used
                self._launched.discard()
                self._launched = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self._stop(kill=True)
        except Exception:
            pass

    # the thumbnail of a flagged file, in the worker
    def thumbnail(
        self,
        path: str | os.PathLike[str],
        extraction: Extraction,
        verdict: Any,
        out_dir: str | os.PathLike[str],
        *,
        wait: bool = True,
    ) -> str | None:
        """Render the console thumbnail of a judged file in the worker (memory cap, time limit),
        from the bytes that were judged (`extraction.source.sha256` must still match). Returns
        the file name, or None: nothing to draw, or it failed (a crash or timeout restarts the
        worker; it is logged, never raised).

        `wait=False` (`check`, whose person waits for the answer, not for the picture): the
        request is sent and the name the thumbnail will have is returned at once; the worker
        renders it before it reads anything sent after, a stop included, and its reply is
        dropped before the next request. If the rendering fails, the log names a thumbnail
        that does not exist, as it does once retention has removed one."""
        from agent.extract.thumbnail import make_thumbnail, thumbnail_name

        if self.in_process:
            out = make_thumbnail(path, extraction, verdict, out_dir)
            return out.name if out else None
        msg = {
            "op": "thumbnail",
            "path": str(path),
            "extraction": extraction,
            "verdict": verdict,
            "out_dir": str(out_dir),
        }
        if not wait:
            name = thumbnail_name(extraction, verdict)
            if name is None:
                return None
            with self._lock:
                try:
                    self._drain()
                    self._ensure_started()
                    self._conn_w.send(msg)  # type: ignore[union-attr]
                except (OSError, EOFError, BrokenPipeError, E.ExtractionError):
                    return None
                self._unread += 1
            return name
        with self._lock:
            try:
                reply = self._roundtrip(msg)
            except E.ExtractionError as e:
                log.warning("no thumbnail (%s): %s", e.kind, e.reason)
                return None
        if reply[0] == "ok":
            return reply[1]
        if len(reply) > 5 and reply[5]:
            self._stop(kill=True)
            self.restarts += 1
        log.warning("no thumbnail: %s", reply[2])
        return None

    def _drain(self) -> None:
        """Read and drop the replies to requests not waited for (`thumbnail(wait=False)`), so
        the next reply read is the next request's; a worker that does not give them in time is
        killed (the next request starts a new one)."""
        while self._unread and self._conn is not None:
            try:
                ready = self._conn.poll(self.config.limits.timeout_s)
                if ready:
                    self._conn.recv()
            except (OSError, EOFError):
                ready = False
            if not ready:
                self._stop(kill=True)
                self.restarts += 1
                return
            self._unread -= 1

    def _roundtrip(self, msg: Any) -> tuple:
        """Send one message to the worker and wait for its reply under the time limit; a worker
        that hangs is killed (ExtractionTimeout), one that dies is restarted (CorruptFile)."""
        self._drain()
        self._ensure_started()
        try:
            self._conn_w.send(msg)  # type: ignore[union-attr]
            ready = self._conn.poll(self.config.limits.timeout_s)  # type: ignore[union-attr]
        except (OSError, EOFError, BrokenPipeError):
            ready = True  # the worker is gone: recv below says so
        if not ready:
            self._stop(kill=True)
            self.restarts += 1
            raise E.ExtractionTimeout(f"took longer than {self.config.limits.timeout_s:g} s")
        try:
            return self._conn.recv()  # type: ignore[union-attr]
        except (EOFError, OSError):
            code = self._proc.poll() if self._proc is not None else None
            self._stop(kill=True)
            self.restarts += 1
            raise E.CorruptFile(f"the worker crashed (exit {code})") from None

    # the request
    def extract(self, path: str | os.PathLike[str], display_path: str | None = None) -> Extraction:
        path = Path(path)
        shown = display_path or str(path)
        st = check_file(path, self.config)  # cheap refusals without a round trip
        if self.in_process:
            if self._ocr is None:
                self._ocr = _make_ocr(self.config)
            return extract_in_process(path, self.config, shown, ocr=self._ocr)
        with self._lock:
            return self._request(path, shown, st.st_size)

    def _request(self, path: Path, shown: str, size: int) -> Extraction:
        for attempt in (1, 2):
            self._drain()
            self._ensure_started()
            try:
                self._conn_w.send((str(path), shown))  # type: ignore[union-attr]
                break
            except (OSError, EOFError, BrokenPipeError):
                self._stop(kill=True)
                if attempt == 2:
                    raise E.CorruptFile("the extraction worker could not be started") from None
        timeout = self.config.limits.timeout_s
        t0 = time.monotonic()
        try:
            ready = self._conn.poll(timeout)  # type: ignore[union-attr]
        except (OSError, EOFError):
            ready = True
        if not ready:
            self._stop(kill=True)
            self.restarts += 1
            digest, n = _sha256_of(path, int(self.config.limits.max_file_mb * MB))
            raise _attach(
                E.ExtractionTimeout(f"reading took longer than {timeout:g} s; stopped"),
                digest,
                n if n is not None else size,
            )
        try:
            reply = self._conn.recv()  # type: ignore[union-attr]
        except (EOFError, OSError):
            code = None
            if self._proc is not None:
                try:
                    code = self._proc.wait(1.0)
                except Exception:
                    code = self._proc.poll()
            self._stop(kill=True)
            self.restarts += 1
            digest, n = _sha256_of(path, int(self.config.limits.max_file_mb * MB))
            log.warning("extraction worker died on %s (exit %s) after %.1fs", shown, code,
                        time.monotonic() - t0)  # fmt: skip
            if code is not None and code < 0 and -code == 9:
                err: E.ExtractionError = E.TooLarge("the reader was killed (out of memory?)")
            else:
                err = E.CorruptFile(f"the reader crashed on this file (exit {code})")
            raise _attach(err, digest, n if n is not None else size) from None
        if reply[0] == "ok":
            return reply[1]
        _, cls_name, reason, digest, n, restart, *rest = reply
        if restart:
            self._stop(kill=True)
            self.restarts += 1
        err = _ERRORS.get(cls_name, E.CorruptFile)(reason)
        raise _attach(err, digest, n if n is not None else size, rest[0] if rest else None)
