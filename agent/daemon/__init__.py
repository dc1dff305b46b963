"""The background agent, in parts that read on their own:

- `loop`: lifecycle and the run loop (watcher -> queue -> judge; heartbeat, mounts, retention);
- `judge`: judging one queued file and crash recovery of interrupted ones;
- `state`: the state file `shareguard status` reads;
- `platform`: the writer check (leases), process priority, the one-agent lock.
"""

from agent.daemon.judge import Judge, action_name, actions_for, verdict_from_row
from agent.daemon.loop import Agent, run_agent
from agent.daemon.platform import AgentLock, has_writer, set_low_priority

__all__ = [
    "Agent",
    "AgentLock",
    "Judge",
    "action_name",
    "actions_for",
    "has_writer",
    "run_agent",
    "set_low_priority",
    "verdict_from_row",
]
