/**
 * Child of bench/large-listing.ts: lists one repository through the real OciClient and prints
 * {"tags", "ms", "baseRssMb", "peakRssMb"} as JSON. A process of its own, so RSS is the listing's alone.
 */
import { performance } from 'node:perf_hooks';
import { OciClient } from '../src/registry/oci-client.js';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: list-child.ts <registry url>');
const origin = new URL(url);
const baseRssMb = process.memoryUsage().rss / 2 ** 20;
const client = new OciClient({ endpoint: { host: origin.host, apiUrl: origin.origin, insecure: false, tagSortMode: 'none' }, credentials: [] });
const start = performance.now();
const listing = await client.listTags({ registry: origin.host, repository: 'acme/web' });
const ms = performance.now() - start;
// maxRSS is in KiB: the peak of the whole process, listing included.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ tags: listing.tags.length, ms, baseRssMb, peakRssMb })}\n`);
