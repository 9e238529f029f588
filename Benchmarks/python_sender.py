"""The contender "what a user writes instead": read the users table with Python's sqlite3 module
and send one Identify per row with Segment's official Python library (PyPI
segment-analytics-python), then shut the client down, which flushes its queue.

Run by sync_benchmark.py with the virtualenv's interpreter, as its own process, so that its wall
time and peak RSS are measured alone:

    python python_sender.py WAREHOUSE HOST WRITE_KEY UPLOAD_SIZE

The library's knobs, read from its source (segment/analytics/client.py and consumer.py):
- host: the base URL; the library posts to host + "/v1/batch".
- upload_size: messages per batch (the library's default is 100; the benchmark passes
  --python-upload-size), further capped at about 475,000 bytes.
- max_queue_size: the in-memory queue (default 10,000). identify() does not block when it is full:
  it logs "queue is full" and returns (False, msg), dropping the message. A script that must not
  lose rows waits and calls identify() again, which is what this one does (with the library's
  "queue is full" warning silenced, as its log line per attempt would otherwise flood stderr).
- on_error: called with each batch that finally failed; counted here and reported.
- sync_mode=False (the default): a background consumer thread uploads while the main thread reads.
Everything else stays at the library's defaults, as a user's script would leave it.
"""

import logging
import sqlite3
import sys
import time

import segment.analytics as analytics

QUERY = "SELECT * FROM users"


def main() -> int:
    warehouse, host, write_key, upload_size = sys.argv[1:5]
    failed = []

    def on_error(error, batch):
        failed.append(len(batch))

    logging.getLogger("segment").setLevel(logging.ERROR)
    client = analytics.Client(
        write_key=write_key, host=host, on_error=on_error, max_queue_size=10000, upload_size=int(upload_size))

    connection = sqlite3.connect(warehouse)
    connection.row_factory = sqlite3.Row
    sent = 0
    for row in connection.execute(QUERY):
        traits = dict(row)
        user_id = str(traits.pop("id"))
        while True:
            queued, _ = client.identify(user_id, traits)
            if queued:
                break
            time.sleep(0.001)
        sent += 1
    connection.close()
    client.shutdown()
    print(f"{sent} sent, {sum(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
