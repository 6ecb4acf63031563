/* Stand-in for Windows 10's bcryptprimitives.dll inside the Wine prefix of
 * scripts/windows_smoke.sh only: Wine 8 lacks ProcessPrng, which the Rust standard library in
 * cryptography's _rust.pyd imports for its random numbers. It forwards to RtlGenRandom
 * (advapi32!SystemFunction036), the system's cryptographic generator. Never shipped in the bundle.
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
