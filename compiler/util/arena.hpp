#pragma once
/// A bump allocator: the AST of one query lives in one arena and is freed at once.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

namespace rolec::util {

/// Hands out memory from large chunks; nothing is freed before the arena itself.
class arena {
 public:
  explicit arena(std::size_t chunk_size = pooled_size) : chunk_size_(chunk_size) {}
  arena(const arena&) = delete;
  arena& operator=(const arena&) = delete;
  arena(arena&& other) noexcept { *this = std::move(other); }
  arena& operator=(arena&& other) noexcept {
    if (this != &other) {
      release();
      current_ = std::exchange(other.current_, nullptr);
      end_ = std::exchange(other.end_, nullptr);
      chunks_ = std::exchange(other.chunks_, nullptr);
      chunk_size_ = other.chunk_size_;
      held_ = std::exchange(other.held_, 0);
    }
    return *this;
  }
  ~arena() { release(); }

  /// Forgets everything allocated but keeps the newest (largest) chunk for reuse, so that a loop
  /// over many documents allocates from the same memory each time.
  void reset() {
    if (chunks_ == nullptr) return;
    chunk* keep = chunks_;
    chunk* rest = keep->next;
    while (rest != nullptr) {
      chunk* next = rest->next;
      std::free(rest);
      rest = next;
    }
    keep->next = nullptr;
    held_ = keep->bytes;
    current_ = reinterpret_cast<char*>(keep + 1);
    end_ = reinterpret_cast<char*>(keep) + keep->bytes;
  }

  /// The bytes of memory the arena holds now (what it handed out, and the rest of its chunks).
  [[nodiscard]] std::size_t held() const { return held_; }

  /// `size` bytes aligned to `align` (a power of two, at most alignof(max_align_t)).
  [[nodiscard]] void* allocate(std::size_t size, std::size_t align) {
    auto p = (reinterpret_cast<std::uintptr_t>(current_) + align - 1) & ~(align - 1);
    if (current_ != nullptr && p + size <= reinterpret_cast<std::uintptr_t>(end_)) {
      current_ = reinterpret_cast<char*>(p + size);
      return reinterpret_cast<void*>(p);
    }
    return grow(size, align);
  }

 private:
  struct chunk {
    chunk* next;
    std::size_t bytes;
  };

  // A parse of one filter needs one small chunk; reusing chunks keeps a batch of thousands of
  // parses from paying malloc and free for each.
  static constexpr std::size_t pooled_size = 4096;
  struct pool {
    chunk* free = nullptr;
    std::size_t count = 0;
    ~pool() {
      while (free != nullptr) {
        chunk* next = free->next;
        std::free(free);
        free = next;
      }
    }
  };
  static pool& local_pool() {
    thread_local pool p;
    return p;
  }

  void* grow(std::size_t size, std::size_t align) {
    const std::size_t wanted = size + align + sizeof(chunk);
    const std::size_t bytes = wanted > chunk_size_ ? wanted : chunk_size_;
    chunk* c = nullptr;
    pool& p = local_pool();
    if (bytes == pooled_size && p.free != nullptr) {
      c = p.free;
      p.free = c->next;
      --p.count;
    } else {
      c = static_cast<chunk*>(std::malloc(bytes));
    }
    if (c == nullptr) throw std::bad_alloc();
    c->bytes = bytes;
    held_ += bytes;
    c->next = chunks_;
    chunks_ = c;
    current_ = reinterpret_cast<char*>(c + 1);
    end_ = reinterpret_cast<char*>(c) + bytes;
    chunk_size_ = chunk_size_ < (1u << 20) ? chunk_size_ * 2 : chunk_size_;
    return allocate(size, align);
  }

  void release() {
    pool& p = local_pool();
    while (chunks_ != nullptr) {
      chunk* next = chunks_->next;
      if (chunks_->bytes == pooled_size && p.count < 64) {
        chunks_->next = p.free;
        p.free = chunks_;
        ++p.count;
      } else {
        std::free(chunks_);
      }
      chunks_ = next;
    }
    current_ = end_ = nullptr;
    held_ = 0;
  }

  char* current_ = nullptr;
  char* end_ = nullptr;
  chunk* chunks_ = nullptr;
  std::size_t chunk_size_;
  std::size_t held_ = 0;
};

}  // namespace rolec::util
