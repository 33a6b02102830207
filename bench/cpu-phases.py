#!/usr/bin/env python3
"""Reads `perf script` output (perf record -g of an ItaBot process with DOTNET_PerfMapEnabled=1) from stdin and prints
where the CPU went: the share of samples per phase of a turn (each sample's stack classified by its innermost frame that
names a phase; GC and JIT win wherever they are in the stack), and the top frames by self samples and by inclusive samples.
  perf script -i perf.data | python3 bench/cpu-phases.py [--top 40] [--thread NAME-PREFIX]"""
import re
import sys
from collections import Counter

top = 40
thread_filter = None
args = sys.argv[1:]
while args:
    a = args.pop(0)
    if a == "--top":
        top = int(args.pop(0))
    elif a == "--thread":
        thread_filter = args.pop(0)

# (phase, regex over one frame's symbol + module), tried innermost frame first; the first phase found names the sample.
# GC and JIT first: a sample anywhere under them is theirs.
OVERRIDING = [
    ("GC (collect, allocate, clear)", re.compile(r"WKS::|SVR::|gc_heap|GCHeap|GarbageCollect|JIT_New|RhpNew|Alloc(?:ate)?Object|memset|clear_gen|mark_object|plan_phase|relocate|background_gc")),
    ("JIT / tiering", re.compile(r"libclrjit|Compiler::|TieredCompilation|CallCountingManager|ThePreStub|MethodDesc::DoPrestub|jitNativeCode")),
]
PHASES = [
    ("understanding (intent rules, model, categories)", re.compile(r"ItaBot\.Understanding\.|ItaBot\.Complaints\.CorruptionSignals|ItaBot\.Complaints\.CategoryMatcher")),
    ("Q&A ranking", re.compile(r"ItaBot\.QandA\.(?!.*LiteDb)")),
    ("LiteDB (reads, writes, commit)", re.compile(r"LiteDB\.|ItaBot\.Storage\.LiteDb|LiteDb")),
    ("Flex / answer rendering", re.compile(r"ItaBot\.Flex\.|FlexCard|MessageValidator|LineLimits")),
    ("dialogs + state", re.compile(r"ItaBot\.Dialogs\.|ItaBot\.Conversations\.")),
    ("JSON", re.compile(r"System\.Text\.Json")),
    ("HTTP client + sockets", re.compile(r"System\.Net\.Http|System\.Net\.Sockets|SocketAsyncEngine")),
    ("Kestrel / ASP.NET", re.compile(r"Microsoft\.AspNetCore")),
    ("signature (HMAC) + envelope", re.compile(r"HMAC|Sha256|SHA256|WebhookSignature|WebhookEnvelope|libcrypto")),
    ("thread hand-offs, locks, waits", re.compile(r"System\.Threading\.|Monitor|AwareLock|futex|sched_yield|Semaphore|ThreadPool|WaitHandle|Channel")),
    ("ItaBot other", re.compile(r"ItaBot\.")),
    ("kernel (syscalls, page faults)", re.compile(r"\[kernel|\bentry_SYSCALL|do_syscall|asm_exc_page_fault")),
]

def frame_name(line):
    # "    7f12 Symbol+0x12 (module)"
    parts = line.strip().split(None, 1)
    if len(parts) < 2:
        return "?"
    rest = parts[1]
    m = re.match(r"(.*?)(\+0x[0-9a-f]+)? \((.*)\)$", rest)
    if not m:
        return rest
    sym, module = m.group(1), m.group(3)
    if sym == "[unknown]":
        return "[unknown] " + module.rsplit("/", 1)[-1]
    if module.startswith("/tmp/perf-") or module.endswith(".map"):
        return sym  # JIT-compiled .NET code
    return sym + " (" + module.rsplit("/", 1)[-1] + ")"

def classify(frames):
    for name, rx in OVERRIDING:
        if any(rx.search(f) for f in frames):
            return name
    for f in frames:  # innermost first
        for name, rx in PHASES:
            if rx.search(f):
                return name
    return "other (runtime, libc, unknown)"

phases = Counter(); selfc = Counter(); incl = Counter(); threads = Counter()
total = 0
header = None; frames = []

def flush():
    global total
    if header is None:
        return
    comm = header.split()[0] if header.split() else "?"
    if thread_filter and not comm.startswith(thread_filter):
        return
    total += 1
    threads[comm] += 1
    phases[classify(frames)] += 1
    if frames:
        selfc[frames[0]] += 1
    for f in set(frames):
        incl[f] += 1

for line in sys.stdin:
    if not line.strip():
        flush(); header = None; frames = []
    elif line[0] not in " \t":
        flush(); header = line; frames = []
    else:
        frames.append(frame_name(line))
flush()

if total == 0:
    sys.exit("no samples")
print(f"{total} samples")
print("\n## by thread (perf's comm)")
for k, v in threads.most_common(12):
    print(f"{100*v/total:6.1f} %  {k}")
print("\n## by phase (innermost frame that names one; GC and JIT wherever they are)")
for k, v in phases.most_common():
    print(f"{100*v/total:6.1f} %  {k}")
print(f"\n## top {top} frames by self samples")
for k, v in selfc.most_common(top):
    print(f"{100*v/total:6.1f} %  {k[:160]}")
print(f"\n## top {top} frames by inclusive samples (ItaBot, LiteDB, System.Text.Json, System.Net)")
shown = 0
for k, v in incl.most_common():
    if re.search(r"ItaBot\.|LiteDB\.|System\.Text\.Json|System\.Net\.|WKS::|SVR::", k):
        print(f"{100*v/total:6.1f} %  {k[:160]}")
        shown += 1
        if shown >= top:
            break
