import dns from "node:dns";
import net from "node:net";
import { DomainError } from "../errors";

const PRIVATE_V4: [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
];
const blockList = new net.BlockList();
for (const [address, prefix] of PRIVATE_V4) blockList.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96], ["100::", 64]] as const) {
  blockList.addSubnet(address, prefix, "ipv6");
}

/** False for loopback, private, link-local, CGNAT, multicast, documentation and reserved ranges (IPv4-mapped IPv6 included). */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return isPublicAddress(mapped[1]!);
    return !blockList.check(address, "ipv6");
  }
  return !blockList.check(address, "ipv4");
}

/**
 * An endpoint URL admins may register: https only (http too when private targets are allowed,
 * on embedded defaults), no credentials in it, and a host that is not literally a private address.
 */
export function checkEndpointUrl(value: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError("invalid", "url: enter an absolute URL such as https://example.com/webhooks", { field: "url" });
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw new DomainError("invalid", "url: must start with https://", { field: "url" });
  if (url.username || url.password) throw new DomainError("invalid", "url: must not contain a user name or password", { field: "url" });
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || (net.isIP(host) && !isPublicAddress(host)))) {
    throw new DomainError("invalid", "url: must be a public address (not loopback or a private network)", { field: "url" });
  }
  return url;
}

/**
 * A `lookup` for http(s).request that refuses private addresses after DNS resolution, at connect
 * time: a name that resolves (or re-resolves: DNS rebinding) to a private address never connects.
 */
export function publicOnlyLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as dns.LookupAddress[];
      const allowed = allowPrivate ? list : list.filter((entry) => isPublicAddress(entry.address));
      if (allowed.length === 0) return callback(Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: "EPRIVATE" }), "", 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
