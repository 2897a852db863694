/**
 * The browser's half of Web Push encryption, for tests: a subscription key pair and the
 * decryption of an `aes128gcm` body (RFC 8291 on top of RFC 8188), written from the RFCs so the
 * sender is checked against the standard rather than against itself.
 */
import { createDecipheriv, createECDH, createHmac, randomBytes } from "node:crypto";

/** What a browser keeps for one subscription, and what it hands the server (base64url). */
export type TestSubscriptionKeys = {
  privateKey: Buffer;
  publicKey: Buffer;
  authSecret: Buffer;
  p256dh: string;
  auth: string;
};

export function makeSubscriptionKeys(): TestSubscriptionKeys {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const publicKey = ecdh.getPublicKey(); // uncompressed: 0x04 || x || y, 65 bytes
  const authSecret = randomBytes(16);
  return {
    privateKey: ecdh.getPrivateKey(),
    publicKey,
    authSecret,
    p256dh: publicKey.toString("base64url"),
    auth: authSecret.toString("base64url"),
  };
}

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();
/** HKDF-Expand for at most one hash block (all Web Push needs): T(1) cut to `length`. */
const expand = (prk: Buffer, info: Buffer, length: number) =>
  hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);

/** Decrypts an aes128gcm push body with the subscription's keys; throws if it does not verify. */
export function decryptPushBody(body: Buffer, keys: TestSubscriptionKeys): Buffer {
  // RFC 8188 §2.1 header: salt (16) | record size (uint32) | key id length (1) | key id.
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  // RFC 8291 §4: the key id is the sender's ephemeral public key.
  const senderPublic = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65 || recordSize < 18) throw new Error("Not an RFC 8291 aes128gcm body");

  // RFC 8291 §3.3-3.4: the input keying material from the ECDH secret and the auth secret.
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(keys.privateKey);
  const shared = ecdh.computeSecret(senderPublic);
  const prkKey = hmac(keys.authSecret, shared);
  const keyInfo = Buffer.concat([
    Buffer.from("WebPush: info\0", "latin1"),
    keys.publicKey,
    senderPublic,
  ]);
  const ikm = expand(prkKey, keyInfo, 32);

  // RFC 8188 §2.2-2.3: content key and nonce from the salt.
  const prk = hmac(salt, ikm);
  const cek = expand(prk, Buffer.from("Content-Encoding: aes128gcm\0", "latin1"), 16);
  const baseNonce = expand(prk, Buffer.from("Content-Encoding: nonce\0", "latin1"), 12);

  const plain: Buffer[] = [];
  for (let seq = 0, at = 0; at < records.length; seq++, at += recordSize) {
    const record = records.subarray(at, at + recordSize);
    const nonce = Buffer.from(baseNonce);
    // The record sequence number is XORed into the nonce's end (tests send few records, so
    // the last four bytes hold it; JavaScript's ^ works on 32 bits).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([
      decipher.update(record.subarray(0, record.length - 16)),
      decipher.final(),
    ]);
    // Data, then a delimiter (2 in the last record, 1 before), then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    const last = at + recordSize >= records.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error("Bad record delimiter");
    plain.push(padded.subarray(0, end));
  }
  return Buffer.concat(plain);
}
