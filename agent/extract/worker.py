"""The extraction worker: `python -m agent.extract.worker`, started by `Extractor`.

Protocol over its stdin/stdout (multiprocessing Connection framing, pickle): the first message
is `(Config, warm_ocr, warm_page, short_lived)` (`Extractor`'s settings); then requests `(path,
display_path)` or None to stop; replies `("ok", Extraction)` or `("err", error class name,
reason, sha256, size, restart)`. A request `{"op": "thumbnail", path, extraction, verdict,
out_dir}` renders the console thumbnail of a judged file (reply `("ok", file name or None)`),
under the same limits. The worker caps its own address space (RLIMIT_AS = limits.memory_mb)
before importing any parser, and loads the OCR engine once, on the first page that needs it.
After each file it hands freed memory back to the system (glibc `malloc_trim`): an OCR page
leaves ~200 MB of freed buffers in the heap, and a warm worker waiting for the next file should
hold its models, not those (bench/check.py).
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading

log = logging.getLogger("agent.extract.worker")
MB = 1024 * 1024


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space so a decompression bomb fails with MemoryError here
    instead of eating the machine."""
    try:
        import resource

        cap = int(memory_mb) * MB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError) as e:  # not on this platform
        log.warning("cannot cap worker memory: %s", e)


def release_memory() -> None:
    """Return the heap's free pages to the system (glibc only; elsewhere nothing to do)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # musl, or no libc.so.6
        pass


def serve(conn_r, conn_w) -> None:
    from agent import errors as E
    from agent.extract import _load_extractors, _make_ocr, extract_in_process

    try:
        settings = conn_r.recv_bytes()
    except (EOFError, OSError):  # launched ahead and not needed after all
        return
    config, warm_ocr, warm_page, short_lived = pickle.loads(settings)
    limit_memory(config.limits.memory_mb)
    ocr = _make_ocr(config, short_lived=short_lived)
    if ocr is not None and warm_ocr:
        # a picture is on its way: only the image reader is imported now, the others when a
        # file needs them, so their imports do not hold the interpreter while the OCR engine
        # loads (a cold `check` of a photo: ~40 ms earlier)
        from agent.extract import image  # noqa: F401

        threading.Thread(target=_warm, args=(ocr, warm_page), name="ocr-warm", daemon=True).start()
    else:
        _load_extractors()
    while True:
        try:
            msg = conn_r.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        if isinstance(msg, dict) and msg.get("op") == "thumbnail":
            reply, restart = _thumbnail(msg)
            try:
                conn_w.send(reply)
            except (OSError, EOFError):  # not waited for by a `check` that has since ended
                return
            if restart:
                return
            release_memory()
            continue
        path, shown = msg
        restart = False
        try:
            reply: tuple = ("ok", extract_in_process(path, config, shown, ocr=ocr))
        except E.ExtractionError as e:
            d = e.__dict__
            reply = ("err", type(e).__name__, e.reason, d.get("sha256"), d.get("size"), False,
                     d.get("media_type"))  # fmt: skip
        except MemoryError:
            reply = ("err", "TooLarge", "file needs more memory than the limit", None, None, True)
            restart = True
        except Exception as e:  # a parser bug: report it, keep serving
            log.exception("extractor failed on %s", shown)
            low = str(e).lower()
            if "bad_alloc" in low or "allocat" in low or "out of memory" in low:
                reply = ("err", "TooLarge", f"out of memory: {e}", None, None, True)
                restart = True
            else:
                reply = ("err", "CorruptFile", f"reader error: {type(e).__name__}: {e}", None,
                         None, False)  # fmt: skip
        try:
            conn_w.send(reply)
        except MemoryError:
            conn_w.send(("err", "TooLarge", "result too large to send", None, None, True))
            restart = True
        except Exception as e:  # unpicklable result
            conn_w.send(("err", "CorruptFile", f"result not transferable: {e}", None, None, True))
            restart = True
        if restart:
            return
        del reply
        release_memory()


def _warm(ocr, page: bool) -> None:
    """Load the OCR engine ahead of the first picture; a failure here is the first picture's
    to report (Ocr.engine raises it again then)."""
    try:
        ocr.warm(page=page)
    except Exception as e:
        log.warning("OCR engine not loaded ahead: %s", e)


def _thumbnail(msg: dict) -> tuple[tuple, bool]:
    """Render a console thumbnail (`agent.extract.thumbnail`); reply and whether to restart.

    `SHAREGUARD_FAULT=thumbnail-abort` makes this step abort the worker, the way a crashing
    image library would: the tests use it to show that the agent survives that."""
    if os.environ.get("SHAREGUARD_FAULT") == "thumbnail-abort":
        os.abort()
    from agent.extract.thumbnail import make_thumbnail

    try:
        out = make_thumbnail(msg["path"], msg["extraction"], msg["verdict"], msg["out_dir"])
        return ("ok", out.name if out else None), False
    except MemoryError:
        return ("err", "TooLarge", "thumbnail needs more memory than the limit", None, None,
                True), True  # fmt: skip
    except Exception as e:
        log.exception("thumbnail failed")
        return ("err", "CorruptFile", f"thumbnail: {type(e).__name__}: {e}", None, None,
                False), False  # fmt: skip


def main() -> None:
    from multiprocessing.connection import Connection

    # The protocol owns the original stdin/stdout; anything a library prints goes to stderr.
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.WARNING, format="shareguard-extract: %(message)s")
    serve(Connection(proto_in, writable=False), Connection(proto_out, readable=False))
    # Ended without the interpreter's teardown: it has nothing to save (every reply is sent),
    # and an OCR engine still loading in its thread (a `check` answered before the engine was
    # needed) has ONNX Runtime's C++ threads running, whose statics destroyed under them abort
    # the process ("terminate called without an active exception" on the person's terminal).
    logging.shutdown()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
