// "Originelen als ZIP": the one ZIP writer of the site, and the facet pages' button.
// The ZIP is made here in the browser and is store-only (no compression: PDFs are
// compressed already), so the writer is a few dozen lines instead of a library, and it
// needs nothing the site's Content-Security-Policy forbids (fetches from the site, a blob:
// download link). The writer is window.OpenbaarZip: the search page's ZIP of a whole
// search (zoeken/search-zip.js) uses it too.
//
// Facet pages: the button fetches the originals listed on the page (elements with
// data-original, inside the element its data-zip-from names). Without JavaScript the
// button stays hidden.
(function () {
  "use strict";
  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();
  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }
  // A store-only ZIP (APPNOTE 6.3: local headers, data, central directory, end record),
  // file names in UTF-8 (flag bit 11). Each file under 4 GB, fewer than 65,535 files.
  function zip(files) {
    var encoder = new TextEncoder();
    var parts = [];
    var central = [];
    var offset = 0;
    files.forEach(function (file) {
      var name = encoder.encode(file.name);
      var crc = crc32(file.bytes);
      var size = file.bytes.length;
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(6, 0x0800, true);
      local.setUint16(8, 0, true);
      local.setUint32(14, crc, true);
      local.setUint32(18, size, true);
      local.setUint32(22, size, true);
      local.setUint16(26, name.length, true);
      parts.push(local.buffer, name, file.bytes);
      var entry = new DataView(new ArrayBuffer(46));
      entry.setUint32(0, 0x02014b50, true);
      entry.setUint16(4, 20, true);
      entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true);
      entry.setUint32(16, crc, true);
      entry.setUint32(20, size, true);
      entry.setUint32(24, size, true);
      entry.setUint16(28, name.length, true);
      entry.setUint32(42, offset, true);
      central.push(entry.buffer, name);
      offset += 30 + name.length + size;
    });
    var centralSize = central.reduce(function (sum, part) { return sum + part.byteLength; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, centralSize, true);
    end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end.buffer]), { type: "application/zip" });
  }
  // A file's name as a ZIP entry: never a folder path (an attachment's name comes from its
  // email and could say "../x"), never hidden, never empty. Two originals may share a
  // name: the second becomes "name (2).pdf".
  function entryName(raw, taken) {
    var name = String(raw || "").replace(/[\u0000-\u001f\u007f/\\:]/g, "_").replace(/^[.\s]+/, "") || "document";
    var candidate = name;
    var dot = name.lastIndexOf(".");
    for (var i = 2; taken[candidate]; i++) {
      candidate = dot > 0 ? name.slice(0, dot) + " (" + i + ")" + name.slice(dot) : name + " (" + i + ")";
    }
    taken[candidate] = true;
    return candidate;
  }
  // Saves a Blob under a file name, by a download link the page clicks.
  function save(blob, fileName) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  }
  window.OpenbaarZip = { zip: zip, entryName: entryName, save: save };

  // The words of the interface, in the page's language (<html lang>): Dutch, or English.
  var MESSAGES = {
    nl: {
      busy: function (n) { return "Bezig: " + n + " originelen ophalen…"; },
      done: function (n, name) { return n + " originelen in " + name + "."; },
      failed: function (why) { return "Niet gelukt: " + why; }
    },
    en: {
      busy: function (n) { return "Busy: fetching " + n + " originals…"; },
      done: function (n, name) { return n + " originals in " + name + "."; },
      failed: function (why) { return "Failed: " + why; }
    }
  };
  var T = MESSAGES[document.documentElement.lang] || MESSAGES.nl;
  document.querySelectorAll("button[data-zip-from]").forEach(function (button) {
    var scope = document.querySelector(button.getAttribute("data-zip-from"));
    var status = document.querySelector(button.getAttribute("data-zip-status"));
    if (!scope || !scope.querySelector("[data-original]")) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var links = Array.prototype.slice.call(scope.querySelectorAll("[data-original]"));
      var taken = {};
      // Names in the order of the list, whatever order the fetches finish in.
      var names = links.map(function (el) { return entryName(el.getAttribute("data-file-name"), taken); });
      button.disabled = true;
      if (status) status.textContent = T.busy(links.length);
      Promise.all(links.map(function (el, i) {
        return fetch(el.getAttribute("data-original")).then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + el.getAttribute("data-original"));
          return r.arrayBuffer();
        }).then(function (buffer) {
          return { name: names[i], bytes: new Uint8Array(buffer) };
        });
      })).then(function (files) {
        var fileName = button.getAttribute("data-zip-name") || "originelen.zip";
        save(zip(files), fileName);
        if (status) status.textContent = T.done(files.length, fileName);
      }).catch(function (error) {
        if (status) status.textContent = T.failed(error.message);
      }).then(function () { button.disabled = false; });
    });
  });
})();
