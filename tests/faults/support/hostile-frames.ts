/**
 * Malformed and hostile frames for the fuzz suite, from a seeded generator so that a failure can
 * be replayed: random bytes, huge strings, wrong types, prototype-pollution keys, deep nesting,
 * spoofed authors, replays. Each frame says what the room must answer: a rejection with a given
 * reason, or (for the few that are well-formed underneath) storing it as the sender's message.
 */
import type { RejectReason } from "@/party/protocol";

export type HostileFrame = {
  kind: string;
  data: string | Uint8Array;
  binary: boolean;
  /** The rejection the room must send back, or "stored" for a well-formed send. */
  expect: RejectReason | "stored";
  /** For "stored" frames: the clientId it is stored under. */
  clientId?: string;
};

/** mulberry32: small, fast and seedable; nothing here needs cryptographic randomness. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAME_LIMIT = 16 * 1024;

export function hostileFrames(seed: number, count: number): HostileFrame[] {
  const random = seededRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16)).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const json = (value: unknown) => JSON.stringify(value);
  const storedIds: string[] = [];

  // Written out as text so that keys such as "__proto__" reach the wire as own keys.
  const stored = (kind: string, body: string, extraJson = ""): HostileFrame => {
    const clientId = uuid();
    storedIds.push(clientId);
    return {
      kind,
      data: `{"type":"send","clientId":"${clientId}","body":${json(body)}${extraJson}}`,
      binary: false,
      expect: "stored",
      clientId,
    };
  };
  const rejected = (kind: string, data: string, expect: RejectReason = "invalid") =>
    ({ kind, data, binary: false, expect }) satisfies HostileFrame;

  const wrongTypes: readonly unknown[] = [
    null,
    42,
    true,
    "send",
    [],
    {},
    [{ type: "send", clientId: "00000000-0000-4000-a000-000000000000", body: "in an array" }],
    { type: "send" },
    { type: "SEND", clientId: "00000000-0000-4000-a000-000000000000", body: "x" },
    { type: ["send"], clientId: "00000000-0000-4000-a000-000000000000", body: "x" },
    { type: null, body: "x" },
    { type: "send", clientId: 123, body: "x" },
    { type: "send", clientId: "not-a-uuid", body: "x" },
    { type: "send", clientId: "00000000-0000-4000-a000-000000000000x", body: "x" },
    { type: "send", clientId: "00000000-0000-4000-a000-000000000000", body: 123 },
    { type: "send", clientId: "00000000-0000-4000-a000-000000000000", body: null },
    { type: "send", clientId: "00000000-0000-4000-a000-000000000000", body: ["x"] },
    { type: "send", clientId: "00000000-0000-4000-a000-000000000000", body: { toString: "x" } },
    { type: "send", clientId: "00000000-0000-4000-a000-000000000000" },
    { type: "deleted", id: 1 },
    { type: "kick", userId: 1 },
    { type: "message", message: { id: 1, body: "forged broadcast" } },
    { type: "presence", users: [] },
    { type: "__proto__" },
    { type: "constructor" },
    { type: "toString" },
    { type: "hasOwnProperty" },
  ];
  const pollution: readonly string[] = [
    '{"__proto__":{"type":"send","clientId":"00000000-0000-4000-a000-000000000000","body":"x"}}',
    '{"__proto__":{"isAdmin":true,"role":"admin"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"__proto__":null}',
    '{"type":"send","__proto__":{"clientId":"00000000-0000-4000-a000-000000000000","body":"x"}}',
    '{"prototype":{"type":"send"},"__defineGetter__":"type"}',
  ];

  // Weights: mostly cheap junk; huge frames are rare so that 10,000 of them stay quick to send.
  const generators: [number, () => HostileFrame][] = [
    [10, () => ({ kind: "random bytes", data: bytes(int(4096)), binary: true, expect: "invalid" })],
    // Text frames whose payload is not UTF-8 at all.
    [
      6,
      () => ({
        kind: "bytes as text",
        data: bytes(1 + int(512)),
        binary: false,
        expect: "invalid",
      }),
    ],
    [
      10,
      () =>
        rejected(
          "garbage text",
          Array.from({ length: 1 + int(300) }, () => String.fromCharCode(32 + int(95))).join(""),
        ),
    ],
    [0.6, () => rejected("huge string", "x".repeat(FRAME_LIMIT + 1 + int(512 * 1024)), "too_long")],
    [
      0.6,
      () => {
        // Two bytes a character: a frame of up to ~600 KB, under the runtime's 1 MiB cap.
        const body = "é".repeat(FRAME_LIMIT / 2 + 1 + int(290 * 1024));
        return rejected("huge body", json({ type: "send", clientId: uuid(), body }), "too_long");
      },
    ],
    [
      1,
      () => ({
        kind: "huge binary",
        data: bytes(FRAME_LIMIT + 1 + int(64 * 1024)),
        binary: true,
        expect: "too_long",
      }),
    ],
    [
      4,
      () =>
        rejected(
          "body one over",
          json({ type: "send", clientId: uuid(), body: "y".repeat(4001) }),
          "too_long",
        ),
    ],
    [
      4,
      () =>
        rejected(
          "blank body",
          json({ type: "send", clientId: uuid(), body: pick([" ", "\n\t ", "\u3000", ""]) }),
          "empty",
        ),
    ],
    [16, () => rejected("wrong types", json(pick(wrongTypes)))],
    [10, () => rejected("prototype pollution", pick(pollution))],
    [
      6,
      () => {
        const depth = 100 + int(7000);
        return rejected("deep arrays", `${"[".repeat(depth)}${"]".repeat(depth)}`);
      },
    ],
    [
      4,
      () => {
        const depth = 50 + int(1500);
        return rejected("deep objects", `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
      },
    ],
    [
      4,
      () => {
        const depth = 50 + int(1000);
        const body = `${'{"body":'.repeat(depth)}"x"${"}".repeat(depth)}`;
        return rejected("deep body", `{"type":"send","clientId":"${uuid()}","body":${body}}`);
      },
    ],
    [
      4,
      () =>
        rejected(
          "truncated json",
          json({ type: "send", clientId: uuid(), body: "cut" }).slice(0, -2 - int(10)),
        ),
    ],
    // Well-formed underneath: stored, but only ever as the sender's own message.
    [
      3,
      () =>
        stored(
          "extra fields",
          "spoof",
          ',"authorId":1,"author":{"id":1,"role":"admin"},"channelId":1,"id":1',
        ),
    ],
    [
      3,
      () =>
        stored(
          "pollution keys in a send",
          "pp",
          ',"__proto__":{"authorId":1},"constructor":{"prototype":{"polluted":1}}',
        ),
    ],
    [
      3,
      () =>
        stored(
          "odd unicode",
          pick(["\u0000nul", "\u202Eevil", "\u200B", "\ud800 lone", "👩‍👩‍👧‍👦", "\uFFFF"]),
        ),
    ],
  ];
  const totalWeight = generators.reduce((n, [w]) => n + w, 0);
  const generate = (): HostileFrame => {
    let r = random() * totalWeight;
    for (const [weight, make] of generators) {
      r -= weight;
      if (r < 0) return make();
    }
    return (generators[0] as [number, () => HostileFrame])[1]();
  };

  const frames: HostileFrame[] = [];
  for (let i = 0; i < count; i++) {
    // Now and then a replay of an earlier stored clientId with another body: never a new row.
    if (storedIds.length > 0 && random() < 0.02) {
      frames.push({
        kind: "replay",
        data: json({ type: "send", clientId: pick(storedIds), body: "replayed with another body" }),
        binary: false,
        expect: "stored",
      });
      continue;
    }
    frames.push(generate());
  }
  return frames;
}
