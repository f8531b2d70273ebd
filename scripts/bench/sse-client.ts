/**
 * The benchmark's SSE client: one raw TCP socket per stream, the GET written by hand, and a parser
 * that decodes the HTTP/1.1 answer (chunked or not) and reports `id: N` lines and comment lines
 * while scanning bytes. node:http costs a parser, streams and a string per chunk for every one of
 * 20,000 sockets; at that scale the client would measure itself. The parser is pure (bytes in,
 * callbacks out), so every split of a frame across chunks and packets is a unit test.
 */
import { connect, type Socket } from "node:net";

/** What a stream's answer says, in the order it arrives. */
export interface StreamEvents {
  /** The answer is a 200: the event stream follows. */
  opened(): void;
  /** An event whose `id:` line is N (all digits), when its blank line ends it: when it is delivered. */
  id(id: number): void;
  /** A comment line (`:` first): the servers' keep-alive. */
  comment(): void;
  /** Not a 200 (`reason` has the status and the start of the body), or not HTTP. Nothing follows. */
  failed(reason: string): void;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const ZERO = 0x30;
const I = 0x69;
const D = 0x64;

// Where the parser is in the HTTP answer. Numbers, not strings: compared per byte.
const HEAD = 0;
const SIZE = 1;
const SIZE_EXTENSION = 2;
const SIZE_LF = 3;
const DATA = 4;
const DATA_CR = 5;
const DATA_LF = 6;
const IDENTITY = 7;
const DONE = 8;

// Where the scanner is in the current SSE line.
const LINE_START = 0;
const AFTER_I = 1;
const AFTER_ID = 2;
const AFTER_COLON = 3;
const AFTER_SPACE = 4;
const IN_DIGITS = 5;
const AFTER_DIGITS_CR = 6;
const SKIP_LINE = 7;
const BLANK_CR = 8;

const HEAD_END = Buffer.from("\r\n\r\n");
const MAX_HEAD_BYTES = 16 * 1024;
/** How much of a failed answer's body goes into its error message. */
const ERROR_BODY_BYTES = 200;

function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Decodes one HTTP/1.1 answer to an SSE GET. Lines end at LF (an optional CR before it is
 * ignored), as both servers write them; a bare CR does not end a line here. An event counts as
 * delivered at the blank line that ends it, as a browser dispatches it, not at its `id:` line.
 */
export class SseResponseParser {
  private state = HEAD;
  private head: Buffer | null = null;
  private status = 0;
  /** Bytes left in the current chunk, or in a Content-Length body (Infinity: until close). */
  private remaining = 0;
  private size = 0;
  private sizeDigits = 0;
  private line = LINE_START;
  private value = 0;
  /** The id of the event being read, reported at its blank line; -1 while it has none. */
  private pending = -1;
  private errorBody: Buffer[] = [];
  private errorBytes = 0;

  constructor(private readonly events: StreamEvents) {}

  feed(bytes: Buffer): void {
    let i = 0;
    if (this.state === HEAD) {
      const body = this.readHead(bytes);
      if (body === null) return;
      bytes = body;
    }
    const length = bytes.length;
    while (i < length && this.state !== DONE) {
      switch (this.state) {
        case DATA: {
          const end = Math.min(length, i + this.remaining);
          this.body(bytes, i, end);
          this.remaining -= end - i;
          i = end;
          // A failed answer's body may have ended the parse (state DONE) inside the chunk.
          if (this.remaining === 0 && this.state === DATA) this.state = DATA_CR;
          break;
        }
        case IDENTITY: {
          const end = Math.min(length, i + this.remaining);
          this.body(bytes, i, end);
          this.remaining -= end - i;
          i = end;
          if (this.remaining === 0) this.finish();
          break;
        }
        case SIZE: {
          const byte = bytes[i++] as number;
          const digit = hexDigit(byte);
          if (digit >= 0) {
            this.size = this.size * 16 + digit;
            this.sizeDigits += 1;
          } else if (byte === CR) this.state = SIZE_LF;
          else if (byte === LF) this.startChunk();
          else if (byte === SEMICOLON || byte === SPACE || byte === TAB) this.state = SIZE_EXTENSION;
          else this.fail("a malformed chunk size");
          break;
        }
        case SIZE_EXTENSION: {
          const lf = bytes.indexOf(LF, i);
          if (lf < 0) i = length;
          else {
            i = lf + 1;
            this.startChunk();
          }
          break;
        }
        case SIZE_LF:
          if (bytes[i++] === LF) this.startChunk();
          else this.fail("a chunk size line without its LF");
          break;
        case DATA_CR: {
          const byte = bytes[i++];
          if (byte === CR) this.state = DATA_LF;
          else if (byte === LF) this.state = SIZE;
          else this.fail("a chunk longer than its size");
          break;
        }
        case DATA_LF:
          if (bytes[i++] === LF) this.state = SIZE;
          else this.fail("a chunk without its CRLF");
          break;
      }
    }
  }

  /** The connection closed. */
  end(): void {
    if (this.state === HEAD) this.fail("the connection closed before an answer");
    else if (this.status !== 200) this.finish();
  }

  /** Collects the head; once whole, returns the body bytes that came with it. */
  private readHead(bytes: Buffer): Buffer | null {
    const seen = this.head ? Buffer.concat([this.head, bytes]) : bytes;
    const end = seen.indexOf(HEAD_END, Math.max(0, (this.head?.length ?? 0) - 3));
    if (end < 0) {
      if (seen.length > MAX_HEAD_BYTES) this.fail(`no end of the headers in ${seen.length} bytes`);
      else this.head = seen;
      return null;
    }
    this.head = null;
    const lines = seen.toString("latin1", 0, end).split("\r\n");
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "");
    if (!status) {
      this.fail(`not an HTTP answer: ${JSON.stringify((lines[0] ?? "").slice(0, 80))}`);
      return null;
    }
    this.status = Number(status[1]);
    let chunked = false;
    let contentLength = Number.POSITIVE_INFINITY;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim().toLowerCase();
      if (name === "transfer-encoding") chunked = value.endsWith("chunked");
      else if (name === "content-length") contentLength = Number(value);
    }
    if (chunked) this.state = SIZE;
    else {
      this.state = IDENTITY;
      this.remaining = contentLength;
    }
    if (this.status === 200) this.events.opened();
    if (this.state === IDENTITY && this.remaining === 0) this.finish();
    return seen.subarray(end + HEAD_END.length);
  }

  private startChunk(): void {
    if (this.sizeDigits === 0) {
      this.fail("a chunk size line without a size");
      return;
    }
    if (this.size === 0) {
      // The last chunk: trailers, if any, tell the benchmark nothing.
      this.finish();
      return;
    }
    this.remaining = this.size;
    this.size = 0;
    this.sizeDigits = 0;
    this.state = DATA;
  }

  private body(bytes: Buffer, from: number, to: number): void {
    if (this.status === 200) {
      this.scan(bytes, from, to);
      return;
    }
    const take = Math.min(to, from + ERROR_BODY_BYTES - this.errorBytes);
    this.errorBody.push(Buffer.from(bytes.subarray(from, take)));
    this.errorBytes += take - from;
    if (this.errorBytes >= ERROR_BODY_BYTES) this.finish();
  }

  /** The body is over (or enough of a failed one is in). */
  private finish(): void {
    if (this.state === DONE) return;
    this.state = DONE;
    if (this.status !== 200) this.events.failed(`${this.status} ${Buffer.concat(this.errorBody).toString("utf8")}`.trim());
  }

  private fail(reason: string): void {
    this.state = DONE;
    this.events.failed(reason);
  }

  /** Finds `id: N`, comment and blank lines in body bytes [from, to), carrying its state across calls. */
  private scan(bytes: Buffer, from: number, to: number): void {
    let line = this.line;
    let i = from;
    while (i < to) {
      if (line === SKIP_LINE) {
        // The long lines (data:) are skipped by memchr, not byte by byte in JavaScript.
        const lf = bytes.indexOf(LF, i);
        if (lf < 0 || lf >= to) break;
        i = lf + 1;
        line = LINE_START;
        continue;
      }
      const byte = bytes[i++] as number;
      switch (line) {
        case LINE_START:
          if (byte === I) line = AFTER_I;
          else if (byte === COLON) {
            this.events.comment();
            line = SKIP_LINE;
          } else if (byte === LF) this.dispatch();
          else line = byte === CR ? BLANK_CR : SKIP_LINE;
          break;
        case BLANK_CR:
          if (byte === LF) this.dispatch();
          line = byte === LF ? LINE_START : SKIP_LINE;
          break;
        case AFTER_I:
          line = byte === D ? AFTER_ID : byte === LF ? LINE_START : SKIP_LINE;
          break;
        case AFTER_ID:
          line = byte === COLON ? AFTER_COLON : byte === LF ? LINE_START : SKIP_LINE;
          break;
        case AFTER_COLON:
          // One space after the colon belongs to the syntax, not to the value.
          line = byte === SPACE ? AFTER_SPACE : this.firstDigit(byte);
          break;
        case AFTER_SPACE:
          line = this.firstDigit(byte);
          break;
        case IN_DIGITS:
          if (byte >= ZERO && byte <= ZERO + 9) this.value = this.value * 10 + (byte - ZERO);
          else if (byte === LF) {
            this.pending = this.value;
            line = LINE_START;
          } else line = byte === CR ? AFTER_DIGITS_CR : SKIP_LINE;
          break;
        case AFTER_DIGITS_CR:
          if (byte === LF) this.pending = this.value;
          line = byte === LF ? LINE_START : SKIP_LINE;
          break;
      }
    }
    this.line = line;
  }

  /** A blank line: the event is complete, and delivered. */
  private dispatch(): void {
    if (this.pending < 0) return;
    const id = this.pending;
    this.pending = -1;
    this.events.id(id);
  }

  private firstDigit(byte: number): number {
    if (byte >= ZERO && byte <= ZERO + 9) {
      this.value = byte - ZERO;
      return IN_DIGITS;
    }
    return byte === LF ? LINE_START : SKIP_LINE;
  }
}

export interface StreamRequest {
  host: string;
  port: number;
  /** The source address, so that more streams than one address has ports can be open. */
  localAddress: string;
  path: string;
  cookie?: string;
}

/**
 * Opens one SSE stream on a socket of its own: resolves with the socket once the answer is a 200,
 * rejects with the status and the start of the body otherwise.
 */
export function openSseStream(request: StreamRequest, events: Omit<StreamEvents, "opened" | "failed">): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let open = false;
    const socket = connect({ host: request.host, port: request.port, localAddress: request.localAddress });
    const parser = new SseResponseParser({
      opened() {
        open = true;
        resolve(socket);
      },
      id: (id) => events.id(id),
      comment: () => events.comment(),
      failed(reason) {
        socket.destroy();
        if (!open) reject(new Error(`GET ${request.path}: ${reason}`));
      },
    });
    socket.setNoDelay(true);
    socket.on("connect", () => {
      socket.write(
        `GET ${request.path} HTTP/1.1\r\nHost: ${request.host}:${request.port}\r\nAccept: text/event-stream\r\n` +
          `${request.cookie ? `Cookie: ${request.cookie}\r\n` : ""}\r\n`,
      );
    });
    socket.on("data", (bytes: Buffer) => parser.feed(bytes));
    socket.on("end", () => parser.end());
    socket.on("error", (error) => {
      if (!open) reject(new Error(`GET ${request.path}: ${error.message}`));
    });
  });
}
