#!/usr/bin/python3
"""The harness's stand-in for the TLS proxy devstack's lib/tls puts in front of a service with
`enable_service tls-proxy` (an Apache site, start_tls_proxy): HTTPS on the front port with
devstack's certificate, every request passed to the back end over HTTP with
`X-Forwarded-Proto: https` added, no keep-alive (the Apache site's `KeepAlive Off`).

Usage: tls_proxy.py CERT_AND_KEY_PEM FRONT_HOST FRONT_PORT BACK_HOST BACK_PORT
"""
import http.client
import http.server
import socketserver
import ssl
import sys

CERT, FRONT_HOST, FRONT_PORT, BACK_HOST, BACK_PORT = sys.argv[1:6]
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authorization", "proxy-authenticate"}


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["X-Forwarded-Proto"] = "https"
        back = http.client.HTTPConnection(BACK_HOST, int(BACK_PORT), timeout=60)
        try:
            back.request(self.command, self.path, body=body, headers=headers)
            answer = back.getresponse()
            data = answer.read()
        except OSError as e:
            self.send_error(503, f"back end unreachable: {e}")
            return
        finally:
            back.close()
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = relay

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Server(("" if FRONT_HOST == "*" else FRONT_HOST, int(FRONT_PORT)), Proxy)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(CERT)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
