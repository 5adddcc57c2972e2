#!/usr/bin/env python3
"""Makes the HJ 212-2025 frames of KnownAnswerFramesTests (and of Hj212CommandTests) without any of Qingshui's code.

SM4 is OpenSSL's (`openssl enc -sm4-ecb -nopad`, OpenSSL 3.0 or later), not BouncyCastle's: the data area's text is
zero-filled to whole 16-byte blocks, encrypted block by block (ECB) and written as upper-case hex in its place, as the
public HJ 212-2025 implementations describe it. The CRC is the standard's bit loop (HJ 212-2017 Appendix A), written
out here. Run it and paste what it prints into the test when a frame is to change:

    python3 tests/Qingshui.Server.Tests/Keys/known-answer-frames.py
"""
import subprocess

KEY = "2B7E151628AED2A6ABF7158809CF4F3C"
NEW_KEY = "00112233445566778899AABBCCDDEEFF"


def sm4_ecb_hex(text: str, key: str) -> str:
    plain = text.encode("utf-8")
    plain += b"\0" * (-len(plain) % 16)
    out = subprocess.run(["openssl", "enc", "-sm4-ecb", "-K", key, "-nopad"], input=plain, capture_output=True, check=True).stdout
    assert len(out) == len(plain)
    return out.hex().upper()


def crc(segment: bytes) -> int:
    reg = 0xFFFF
    for b in segment:
        reg = (reg >> 8) ^ b
        for _ in range(8):
            lsb = reg & 1
            reg >>= 1
            if lsb:
                reg ^= 0xA001
    return reg


def frame(header: str, data: str, key: str) -> str:
    segment = f"{header}CP=&&{sm4_ecb_hex(data, key)}&&".encode("ascii")
    return f"##{len(segment):04d}{segment.decode('ascii')}{crc(segment):04X}\\r\\n"


# An hourly upload of a keyed station (its data area is not whole blocks: the last is zero-filled).
print(frame("QN=20260105080000001;ST=21;CN=2061;PW=hn0301;MN=430281A00000000000000301;Flag=9;",
            "DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=8.10,w01009-Flag=N;w21011-Avg=0.081,w21011-Flag=N", KEY))
# The host's key exchange to that station, encrypted with its current key.
print(frame("QN=20260105090000001;ST=21;CN=1014;PW=hn0301;MN=430281A00000000000000301;Flag=9;",
            f"SKCreateTime=20260105090000000;NewSK={NEW_KEY}", KEY))
# For `qingshui hj212 check --key` (Hj212CommandTests): an hourly upload encrypted with the GB/T 32907 example key.
print(frame("QN=20260105080000001;ST=21;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=9;",
            "DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N", "0123456789ABCDEFFEDCBA9876543210"))
