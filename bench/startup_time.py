#!/usr/bin/env python3
"""Start-up time of a server: from exec to its first answer to GET /healthcheck, in ms
(printed). The server is stopped again (SIGTERM) afterwards.

Usage: startup_time.py <port> <command> [args...]
"""
import http.client
import subprocess
import sys
import time


def main():
    port, command = int(sys.argv[1]), sys.argv[2:]
    started = time.monotonic()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - started < 10:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/healthcheck")
                if conn.getresponse().status == 200:
                    print(round((time.monotonic() - started) * 1000, 1))
                    return
            except OSError:
                time.sleep(0.001)
        sys.exit("the server did not answer within 10 s")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
