package shape

import "sync"

// lru is a bounded map with approximately least-recently-used eviction:
// two generations, the current one filling up to half the capacity;
// when it is full it becomes the old one and the previous old one is
// dropped. A hit in the old generation moves the entry to the current
// one. Look-ups and insertions are O(1) and take one mutex.
type lru[K comparable, V any] struct {
	mu       sync.Mutex
	cur, old map[K]V
	half     int
}

func newLRU[K comparable, V any](capacity int) *lru[K, V] {
	h := max(capacity/2, 1)
	return &lru[K, V]{cur: make(map[K]V), old: make(map[K]V), half: h}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[k]; ok {
		return v, true
	}
	if v, ok := c.old[k]; ok {
		delete(c.old, k)
		c.putLocked(k, v)
		return v, true
	}
	var zero V
	return zero, false
}

func (c *lru[K, V]) put(k K, v V) {
	c.mu.Lock()
	c.putLocked(k, v)
	c.mu.Unlock()
}

func (c *lru[K, V]) putLocked(k K, v V) {
	if len(c.cur) >= c.half {
		c.old, c.cur = c.cur, make(map[K]V, c.half)
	}
	c.cur[k] = v
}

// len is the number of entries held.
func (c *lru[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur) + len(c.old)
}
