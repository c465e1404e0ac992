"""Run the `rasa test` story tests (tests/e2e/stories/test_*.yml) with the action server up.

Fails (exit 1) on any wrong intent or action. Results go to results/stories/.
"""

from __future__ import annotations

import subprocess
import sys

from _services import MODEL, RASA, REPO, env, free_port, guarded_action_server, local_endpoints

OUT = REPO / "results" / "stories"


def main() -> int:
    # a fresh action server on a free port: never one left running with older code
    port = free_port()
    with guarded_action_server(port, REPO / "var" / "test-action-server.log"):
        proc = subprocess.run(
            [
                RASA,
                "test",
                "core",
                "--model",
                MODEL,
                "--stories",
                "tests/e2e/stories",
                "--endpoints",
                str(local_endpoints(port)),
                "--out",
                str(OUT),
                "--quiet",
            ],
            cwd=REPO,
            env=env(),
            capture_output=True,
            text=True,
        )
    failed = OUT / "failed_test_stories.yml"
    failures = failed.read_text() if failed.exists() else ""
    ok = proc.returncode == 0 and "story:" not in failures
    if not ok:
        print(proc.stdout[-4000:], proc.stderr[-4000:], sep="\n")
        print(failures[:8000])
        print("Story tests FAILED (details in results/stories/)")
        return 1
    report = OUT / "story_report.json"
    print("Story tests passed." + (f" Report: {report.relative_to(REPO)}" if report.exists() else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
