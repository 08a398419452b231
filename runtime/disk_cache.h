// The on-disk kernel cache: compiled kernel objects shared between processes,
// one file per kernel under KILN_CACHE_DIR (default $XDG_CACHE_HOME/kiln or
// ~/.cache/kiln; empty, "0" or "off" turns it off). Entries are written to a
// temporary file and renamed into place, so concurrent processes only ever
// see whole entries; an entry that is truncated, corrupt or made for another
// key is ignored (counted in runtime::stats()) and overwritten by the next
// compile. A directory that cannot be written warns once and the process goes
// on without the disk cache.
#pragma once

#include <optional>
#include <string>

namespace kiln::runtime::disk_cache {

// The key's 128-bit FNV-1a hash as 32 hex digits: names the entry's file and
// makes the kernel's JIT symbol the same in every process.
std::string key_hash(const std::string& key);

// The object stored for `key` (the whole key is compared, so a hash collision
// never loads another kernel's code), or nothing.
std::optional<std::string> load(const std::string& key);

// Stores `object` for `key`, replacing any entry there.
void store(const std::string& key, const std::string& object);

}  // namespace kiln::runtime::disk_cache
