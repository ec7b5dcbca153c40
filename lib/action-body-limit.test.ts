// A server action's body is refused before it is read when it is too large or of unknown length.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { ACTION_MAX_BODY_BYTES, actionBodyProblem, installActionBodyLimit } from "@/lib/action-body-limit";

installActionBodyLimit();
let bytesRead = 0;
const server = http.createServer((req, res) => {
  req.on("data", (c: Buffer) => (bytesRead += c.length));
  req.on("end", () => res.end("read"));
});
afterAll(() => new Promise((r) => server.close(r)));

/** Sends the head of a POST and up to `send` bytes of its body; resolves with the status line. */
async function postHead(headers: Record<string, string>, send: number): Promise<string> {
  if (!server.listening) await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(
        `POST /projects HTTP/1.1\r\nHost: x\r\n${Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join("")}\r\n`,
      );
      socket.write(Buffer.alloc(send, 0x20));
    });
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString();
      if (answer.includes("\r\n")) {
        socket.destroy();
        resolve(answer.split("\r\n")[0]);
      }
    });
    socket.on("error", reject);
  });
}

describe("server action bodies", () => {
  it("says what is wrong from the headers alone", () => {
    expect(actionBodyProblem({ "next-action": "x", "content-length": String(200 * 1024 * 1024) }, "POST")).toMatchObject({ status: 413 });
    expect(actionBodyProblem({ "next-action": "x", "transfer-encoding": "chunked" }, "POST")).toMatchObject({ status: 411 });
    expect(actionBodyProblem({ "next-action": "x", "content-length": "1000" }, "POST")).toBeNull();
    expect(actionBodyProblem({ "content-length": String(200 * 1024 * 1024) }, "POST")).toBeNull(); // not an action: the API limits its own
  });

  it("answers a 200 MB action 413 before reading its body, and lets a small one through", async () => {
    bytesRead = 0;
    expect(await postHead({ "Next-Action": "abc", "Content-Length": String(200 * 1024 * 1024) }, 64 * 1024)).toBe("HTTP/1.1 413 Payload Too Large");
    expect(bytesRead).toBe(0);
    expect(await postHead({ "Next-Action": "abc", "Transfer-Encoding": "chunked" }, 0)).toBe("HTTP/1.1 411 Length Required");
    expect(await postHead({ "Next-Action": "abc", "Content-Length": "10" }, 10)).toBe("HTTP/1.1 200 OK");
    expect(ACTION_MAX_BODY_BYTES).toBeGreaterThan(1024 * 1024);
  });
});
