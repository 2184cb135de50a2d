/**
 * Sprig's crypto functions, synchronous and browser-safe (template functions cannot await, so Web
 * Crypto's async API is not usable): hashes, HMAC and scrypt from @noble/hashes (audited, pure JS),
 * bcrypt from bcryptjs, RSA keys, X.509 certificates and AES-CBC from node-forge, ECDSA and Ed25519
 * keys from @noble/curves. Outputs are random by design (keys, certificates, IVs), as in Helm.
 */
import { hmac } from '@noble/hashes/hmac';
import { scrypt } from '@noble/hashes/scrypt';
import { sha1 } from '@noble/hashes/legacy';
import { sha256, sha512 } from '@noble/hashes/sha2';
import { p256 } from '@noble/curves/nist';
import { ed25519 } from '@noble/curves/ed25519';
import bcryptjs from 'bcryptjs';
import forge from 'node-forge';
import {
  GoError,
  GoStruct,
  formatValue,
  goFunc,
  type GoFunc,
  type GoStructType,
  type GoValue,
} from '../template/index.js';
import { base64Decode, base64Encode, fromUtf8, utf8 } from './encoding.js';
import { randomBytes } from './random.js';

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function bcrypt(input: string): string {
  return bcryptjs.hashSync(input, 10).replace(/^\$2b\$/, '$2a$');
}

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';
const PASSWORD_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const TEMPLATE_CHARACTERS: Readonly<Record<string, string>> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function uint32BE(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Sprig's derivePassword (Master Password algorithm). */
function derivePassword(counter: bigint, passwordType: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[passwordType];
  if (!templates) return `cannot find password template ${passwordType}`;
  const seed = utf8(MASTER_PASSWORD_SEED);
  const userB = utf8(user);
  const salt = concatBytes(seed, uint32BE(userB.length), userB);
  const key = scrypt(utf8(password), salt, { N: 32768, r: 8, p: 2, dkLen: 64 });
  const siteB = utf8(site);
  const msg = concatBytes(seed, uint32BE(siteB.length), siteB, uint32BE(Number(counter & 0xffffffffn)));
  const s = hmac(sha256, key, msg);
  const temp = templates[(s[0] as number) % templates.length] as string;
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const chars = TEMPLATE_CHARACTERS[temp[i] as string] as string;
    out += chars[(s[i + 1] as number) % chars.length] as string;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keys and certificates

function pem(type: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

function forgeBytes(der: forge.util.ByteStringBuffer): Uint8Array {
  const s = der.getBytes();
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function rsaKey(bits: number): forge.pki.rsa.PrivateKey {
  return forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 }).privateKey;
}

function rsaKeyPem(key: forge.pki.rsa.PrivateKey): string {
  return pem('RSA PRIVATE KEY', forgeBytes(forge.asn1.toDer(forge.pki.privateKeyToAsn1(key))));
}

function ecKeyPem(): string {
  const priv = p256.utils.randomSecretKey();
  const pub = p256.getPublicKey(priv, false);
  const a = forge.asn1;
  const bin = (b: Uint8Array): string => String.fromCharCode(...b);
  const der = a.create(a.Class.UNIVERSAL, a.Type.SEQUENCE, true, [
    a.create(a.Class.UNIVERSAL, a.Type.INTEGER, false, '\x01'),
    a.create(a.Class.UNIVERSAL, a.Type.OCTETSTRING, false, bin(priv)),
    // [0] and [1] context tags: forge numbers them with its Type enum (NONE = 0, BOOLEAN = 1).
    a.create(a.Class.CONTEXT_SPECIFIC, a.Type.NONE, true, [
      a.create(a.Class.UNIVERSAL, a.Type.OID, false, a.oidToDer('1.2.840.10045.3.1.7').getBytes()),
    ]),
    a.create(a.Class.CONTEXT_SPECIFIC, a.Type.BOOLEAN, true, [
      a.create(a.Class.UNIVERSAL, a.Type.BITSTRING, false, '\x00' + bin(pub)),
    ]),
  ]);
  return pem('EC PRIVATE KEY', forgeBytes(a.toDer(der)));
}

function ed25519KeyPem(): string {
  const seed = ed25519.utils.randomSecretKey();
  const prefix = Uint8Array.of(
    0x30,
    0x2e,
    0x02,
    0x01,
    0x00,
    0x30,
    0x05,
    0x06,
    0x03,
    0x2b,
    0x65,
    0x70,
    0x04,
    0x22,
    0x04,
    0x20,
  );
  return pem('PRIVATE KEY', concatBytes(prefix, seed));
}

function generatePrivateKey(typ: string): string {
  switch (typ) {
    case '':
    case 'rsa':
      return rsaKeyPem(rsaKey(4096));
    case 'ecdsa':
      return ecKeyPem();
    case 'ed25519':
      return ed25519KeyPem();
    case 'dsa':
      return 'failed to generate dsa params: DSA keys are not supported by kustomize-ts';
    default:
      return 'Unknown type ' + typ;
  }
}

/** Sprig's `certificate` struct: `.Cert` and `.Key` (PEM). */
export const CERTIFICATE_TYPE: GoStructType = {
  name: 'sprig.certificate',
  fields: [
    { name: 'Cert', type: 'string' },
    { name: 'Key', type: 'string' },
  ],
};

function certificate(cert: string, key: string): GoStruct {
  return new GoStruct(CERTIFICATE_TYPE, { Cert: cert, Key: key });
}

function parseKey(privPEM: string): forge.pki.rsa.PrivateKey {
  try {
    return forge.pki.privateKeyFromPem(privPEM);
  } catch (e) {
    throw new GoError(`parsing private key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function ipList(ips: GoValue): string[] {
  if (ips === null) return [];
  if (!Array.isArray(ips)) return [];
  return ips.map((ip) => {
    if (typeof ip !== 'string') throw new GoError(`error processing ip list: ${formatValue(ip)} is not a string`);
    if (!/^[0-9.]+$|:/.test(ip)) throw new GoError(`error parsing ip: ${ip}`);
    return ip;
  });
}

function dnsList(names: GoValue): string[] {
  if (names === null || !Array.isArray(names)) return [];
  return names.map((n) => {
    if (typeof n !== 'string')
      throw new GoError(`error processing alternate dns name: ${formatValue(n)} is not a string`);
    return n;
  });
}

function baseCert(
  cn: string,
  ips: string[],
  dns: string[],
  days: bigint,
  pub: forge.pki.PublicKey,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  cert.serialNumber = hex(serial).replace(/^0+/, '') || '0';
  const now = new Date();
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + Number(days) * 86400000);
  cert.setSubject([{ name: 'commonName', value: cn }]);
  const altNames = [...dns.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))];
  const ext: object[] = [
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'basicConstraints', cA: false },
  ];
  if (altNames.length > 0) ext.push({ name: 'subjectAltName', altNames });
  cert.setExtensions(ext);
  return cert;
}

function sign(
  cert: forge.pki.Certificate,
  issuer: forge.pki.Certificate,
  key: forge.pki.rsa.PrivateKey,
  self: forge.pki.rsa.PrivateKey,
): GoStruct {
  cert.setIssuer(issuer.subject.attributes);
  cert.sign(key, forge.md.sha256.create());
  return certificate(forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'), rsaKeyPem(self));
}

function genCA(cn: string, days: bigint, privPEM?: string): GoStruct {
  const key = privPEM !== undefined ? parseKey(privPEM) : rsaKey(2048);
  const pub = forge.pki.setRsaPublicKey(key.n, key.e);
  const cert = baseCert(cn, [], [], days, pub);
  cert.setExtensions([
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'basicConstraints', cA: true },
  ]);
  return sign(cert, cert, key, key);
}

function genSelfSigned(cn: string, ips: GoValue, dns: GoValue, days: bigint, privPEM?: string): GoStruct {
  const key = privPEM !== undefined ? parseKey(privPEM) : rsaKey(2048);
  const cert = baseCert(cn, ipList(ips), dnsList(dns), days, forge.pki.setRsaPublicKey(key.n, key.e));
  return sign(cert, cert, key, key);
}

function genSigned(cn: string, ips: GoValue, dns: GoValue, days: bigint, ca: GoStruct, privPEM?: string): GoStruct {
  const caCert = ca.fields.Cert;
  const caKey = ca.fields.Key;
  let signer: forge.pki.Certificate;
  try {
    signer = forge.pki.certificateFromPem(typeof caCert === 'string' ? caCert : '');
  } catch {
    throw new GoError('unable to decode certificate');
  }
  const signerKey = parseKey(typeof caKey === 'string' ? caKey : '');
  const key = privPEM !== undefined ? parseKey(privPEM) : rsaKey(2048);
  const cert = baseCert(cn, ipList(ips), dnsList(dns), days, forge.pki.setRsaPublicKey(key.n, key.e));
  return sign(cert, signer, signerKey, key);
}

function buildCustomCert(b64cert: string, b64key: string): GoStruct {
  let cert: string;
  let key: string;
  try {
    cert = fromUtf8(base64Decode(b64cert));
  } catch {
    throw new GoError('unable to decode base64 certificate');
  }
  try {
    key = fromUtf8(base64Decode(b64key));
  } catch {
    throw new GoError('unable to decode base64 private key');
  }
  try {
    forge.pki.certificateFromPem(cert);
  } catch {
    throw new GoError('unable to decode certificate');
  }
  parseKey(key);
  return certificate(cert, key);
}

// ---------------------------------------------------------------------------------------------
// AES

function aesKey(password: string): string {
  const key = new Uint8Array(32);
  key.set(utf8(password).subarray(0, 32));
  return String.fromCharCode(...key);
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = String.fromCharCode(...randomBytes(16));
  const cipher = forge.cipher.createCipher('AES-CBC', aesKey(password));
  cipher.start({ iv });
  cipher.update(forge.util.createBuffer(String.fromCharCode(...utf8(plaintext))));
  cipher.finish();
  const out = iv + cipher.output.getBytes();
  return base64Encode(Uint8Array.from(out, (c) => c.charCodeAt(0)));
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const data = base64Decode(crypt64);
  if (data.length < 16) throw new GoError('runtime error: slice bounds out of range');
  if ((data.length - 16) % 16 !== 0) throw new GoError('crypto/cipher: input not full blocks');
  const decipher = forge.cipher.createDecipher('AES-CBC', aesKey(password));
  decipher.start({ iv: String.fromCharCode(...data.subarray(0, 16)) });
  decipher.update(forge.util.createBuffer(String.fromCharCode(...data.subarray(16))));
  (decipher.finish as (unpad: () => boolean) => boolean)(() => true);
  const bytes = Uint8Array.from(decipher.output.getBytes(), (c) => c.charCodeAt(0));
  const pad = bytes[bytes.length - 1] ?? 0;
  return fromUtf8(bytes.subarray(0, bytes.length - pad));
}

/** The crypto functions. */
export function cryptoFuncs(): Record<string, GoFunc> {
  const certSig = 'sprig.certificate';
  return {
    sha1sum: goFunc('func(string) string', (s: string) => hex(sha1(utf8(s)))),
    sha256sum: goFunc('func(string) string', (s: string) => hex(sha256(utf8(s)))),
    sha512sum: goFunc('func(string) string', (s: string) => hex(sha512(utf8(s)))),
    adler32sum: goFunc('func(string) string', (s: string) => String(adler32(utf8(s)))),
    bcrypt: goFunc('func(string) string', bcrypt),
    htpasswd: goFunc('func(string, string) string', (u: string, p: string) =>
      u.includes(':') ? `invalid username: ${u}` : `${u}:${bcrypt(p)}`,
    ),
    randBytes: goFunc('func(int) (string, error)', (n: bigint) => base64Encode(randomBytes(Number(n)))),
    derivePassword: goFunc('func(uint32, string, string, string, string) string', derivePassword),
    genPrivateKey: goFunc('func(string) string', generatePrivateKey),
    buildCustomCert: goFunc(`func(string, string) (${certSig}, error)`, buildCustomCert),
    genCA: goFunc(`func(string, int) (${certSig}, error)`, (cn: string, d: bigint) => genCA(cn, d)),
    genCAWithKey: goFunc(`func(string, int, string) (${certSig}, error)`, genCA),
    genSelfSignedCert: goFunc(
      `func(string, []interface {}, []interface {}, int) (${certSig}, error)`,
      (cn: string, ips: GoValue, dns: GoValue, d: bigint) => genSelfSigned(cn, ips, dns, d),
    ),
    genSelfSignedCertWithKey: goFunc(
      `func(string, []interface {}, []interface {}, int, string) (${certSig}, error)`,
      genSelfSigned,
    ),
    genSignedCert: goFunc(
      `func(string, []interface {}, []interface {}, int, ${certSig}) (${certSig}, error)`,
      (cn: string, ips: GoValue, dns: GoValue, d: bigint, ca: GoStruct) => genSigned(cn, ips, dns, d, ca),
    ),
    genSignedCertWithKey: goFunc(
      `func(string, []interface {}, []interface {}, int, ${certSig}, string) (${certSig}, error)`,
      genSigned,
    ),
    encryptAES: goFunc('func(string, string) (string, error)', encryptAES),
    decryptAES: goFunc('func(string, string) (string, error)', decryptAES),
  };
}
