// Times chrono-node on a corpus in JSON Lines ({"text", "dct"?} per
// line): one chrono.parse(text, dct) per document, as bench/run.sh asks.
// Prints "<seconds> <documents> <bytes> <results>" on stdout.
"use strict";
const fs = require("fs");
const readline = require("readline");
const chrono = require("chrono-node");

async function main() {
  const path = process.argv[2];
  const docs = [];
  const lines = readline.createInterface({ input: fs.createReadStream(path) });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    const doc = JSON.parse(line);
    // Undated documents get a fixed reference date, as timeline gets none.
    const dct = new Date((doc.dct || "2017-04-12") + "T12:00:00Z");
    docs.push([doc.text, dct]);
  }
  let bytes = 0;
  for (const [text] of docs) bytes += Buffer.byteLength(text, "utf8");
  // Only the parsing is timed, not reading the file.
  const start = process.hrtime.bigint();
  let results = 0;
  for (const [text, dct] of docs) results += chrono.parse(text, dct).length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${seconds} ${docs.length} ${bytes} ${results}`);
}

main();
