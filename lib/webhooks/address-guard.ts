// Webhook URLs are chosen by leads, and the server fetches them: without a guard, a hook could make
// the server call its own admin ports, the cloud metadata service (169.254.169.254) or other
// machines on the private network (SSRF). Only http(s) URLs are accepted, and a delivery only
// connects to a public address that is not one of the machine's own (every interface's address;
// IPv6 forms that carry an IPv4 address are judged by that address): the host is resolved at delivery time and the connection is made
// to the address that was checked (so DNS cannot answer differently between check and connect).
// GOLDSET_WEBHOOKS_ALLOW_PRIVATE=true lifts the address rule, for instances whose receivers are
// on their own network.
import dns from "node:dns";
import net from "node:net";
import os from "node:os";
import type { LookupFunction } from "node:net";

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b:1::", 48], // local-use NAT64: embeds an IPv4 address at a place the network chooses
  ["2001::", 32], // Teredo: tunnels to an IPv4 address
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(prefix, bits, "ipv6");

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or null. */
function groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const part = (h: string) => (h ? h.split(":").map((g) => parseInt(g, 16)) : []);
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const all = [...head, ...Array(fill).fill(0), ...tail];
  return all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

const ipv4Of = (hi: number, lo: number) => [hi >>> 8, hi & 255, lo >>> 8, lo & 255].join(".");

/**
 * The IPv4 address an IPv6 address carries, where the network would deliver to it: IPv4-mapped
 * (::ffff:a.b.c.d) and -compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:aabb:ccdd::/48).
 */
export function embeddedIpv4(address: string): string | null {
  const g = groups(address);
  if (!g) return null;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0) && (g[6] || g[7])) return ipv4Of(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4Of(g[6], g[7]);
  if (g[0] === 0x2002) return ipv4Of(g[1], g[2]);
  return null;
}

/** The machine's own addresses (every interface), read again at most once a minute: the server must not call itself. */
let own: { at: number; addresses: Set<string> } | null = null;
function ownAddresses(): Set<string> {
  if (!own || Date.now() - own.at > 60_000) {
    const addresses = new Set<string>();
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) addresses.add(a.address.toLowerCase().replace(/%.*$/, ""));
    own = { at: Date.now(), addresses };
  }
  return own.addresses;
}

/** Whether an IP address is the server's own, loopback, link-local, private, or otherwise not a public host. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true; // not an address at all
  if (ownAddresses().has(address.toLowerCase())) return true;
  if (family === 4) return blocked.check(address, "ipv4");
  const v4 = embeddedIpv4(address);
  if (v4) return isBlockedAddress(v4);
  return blocked.check(address, "ipv6");
}

/** What is wrong with a webhook URL before any lookup, or null. */
export function urlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a URL: use https://…";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only http and https URLs can receive webhooks.";
  if (url.username || url.password) return "Put credentials in the receiver's check of the signature, not in the URL.";
  if (allowPrivate) return null;
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "")
    .toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))
    return "This host is not reachable from outside the server: use a public URL.";
  if (net.isIP(host) && isBlockedAddress(host)) return "This address is loopback, link-local or private: use a public URL.";
  return null;
}

export class BlockedAddressError extends Error {}

/**
 * A `lookup` for http.request that resolves the host, refuses it if any of its addresses is not
 * public, and hands the connection the address it checked.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family as number | undefined }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const bad = allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      // The lead sees "could not deliver" only (lib/webhooks/deliver.ts); the detail is for the server's log.
      if (bad) return callback(new BlockedAddressError(`${hostname} resolves to ${bad.address}, not a public address of another host: not delivered`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
