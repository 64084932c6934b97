import time, collections
from annotator.reliability.fuzz import run_fuzz
t=time.time()
for s in run_fuzz(60, seed=1):
    print(s.name, s.cases, s.accepted, s.rejected, len(s.escapes), len(s.modified), len(s.broken), s.skipped, round(time.time()-t,1))
    for e in collections.Counter(s.escapes).most_common(5): print("   ESC", e)
    for e in collections.Counter(s.modified).most_common(3): print("   MOD", e)
    for e in collections.Counter(s.broken).most_common(3): print("   BRK", e)
