"""The demo's filesystem broker: any entry point (here `manage.py shell`, as runserver, gunicorn
or a worker would) makes its folders, so queueing the sender never fails on a missing folder."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KICK = "from festival.outbox.services import wake_sender; wake_sender(); print('queued')"


def test_a_fresh_data_folder_gets_its_broker_folders_and_takes_the_kick(tmp_path):
    data = tmp_path / "fresh"
    env = {key: value for key, value in os.environ.items() if key != "CELERY_BROKER_URL"}
    env |= {
        "CONVENE_DATA_DIR": str(data),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DATABASE_URL", None)

    command = [sys.executable, "manage.py", "shell", "-v", "0", "-c", KICK]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)

    assert (done.returncode, done.stdout) == (0, "queued\n")
    assert "Could not queue" not in done.stderr
    assert sorted(path.name for path in (data / "broker").iterdir()) == [
        "control",
        "processed",
        "queue",
    ]
    assert len(list((data / "broker" / "queue").iterdir())) == 1
    assert not (ROOT / "control").exists()  # kombu's default, relative to the working folder
