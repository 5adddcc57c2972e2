// Why a packet was rejected or quarantined, in the UI's language. The server records the reason in English with the
// protocol's reason code first (HJ 212 framing and message errors, the DataTime window, quarantine); Chinese readers
// get it in Chinese with the same figures, and the recorded text stays in the cell's title.
import type { Name } from './api';
import { lang } from './i18n';

// The English texts are the server's own (Hj212Messages), kept here so both languages read from one table.
const codes: Record<string, Name> = {
  UnexpectedBytes: { zh: '不属于任何数据包的字节（已跳过）', en: 'bytes that start no frame were skipped' },
  BadHeader: { zh: '包头错误：未以 ## 和四位长度开头', en: 'the packet does not start with ## and a four-digit length' },
  LengthExceedsLimit: { zh: '声明的长度超过上限', en: 'declared length exceeds the limit' },
  LengthMismatch: { zh: '声明的长度与数据段不符', en: 'declared length does not match the data segment' },
  Truncated: { zh: '数据流在数据包中途结束', en: 'the stream ended inside a frame' },
  BadCrcField: { zh: 'CRC 字段不是四位十六进制数', en: 'the CRC field is not four hexadecimal digits' },
  CrcMismatch: { zh: 'CRC 校验错误', en: 'CRC mismatch' },
  MissingDataArea: { zh: '缺少 CP=&&…&& 数据区', en: 'no CP=&&…&& data area' },
  MalformedField: { zh: '包头字段不是 名=值 格式', en: 'a header field is not name=value' },
  DuplicateField: { zh: '包头字段重复', en: 'a header field appears twice' },
  MissingField: { zh: '缺少必需的包头字段', en: 'a required header field is missing' },
  InvalidField: { zh: '包头字段取值无效', en: 'a header field has an invalid value' },
  MalformedDataItem: { zh: '数据区条目不是 名=值 格式', en: 'a data-area item is not name=value' },
  InvalidNumber: { zh: '数值格式错误', en: 'a value is not a number' },
  InvalidTime: { zh: '时间格式错误（应为 YYYYMMDDhhmmss[zzz]）', en: 'a time is not a valid YYYYMMDDhhmmss[zzz]' },
  EditionMismatch: { zh: '数据包与该站配置的协议版本不符', en: 'the packet does not follow the station\'s configured edition' },
  InvalidEncoding: { zh: '数据段不是有效的 UTF-8', en: 'the data segment is not valid UTF-8' },
  CipherTextNotHex: { zh: '加密数据区不是十六进制数字', en: 'the encrypted data area is not hexadecimal digits' },
  CipherTextLength: { zh: '加密数据区不是整数个 16 字节 SM4 分组', en: 'the encrypted data area is not whole 16-byte SM4 blocks' },
  DecryptedNotText: { zh: '用该站密钥解密后不是文本（密钥错误或未加密）', en: 'the data area does not decrypt to text with the station\'s key (wrong key, or not encrypted)' },
  NulCharacter: { zh: '数据段在保存为文本的位置含有 NUL 字节（0x00）', en: 'the data segment holds a NUL byte (0x00) where text is kept' },
};

const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^(\w+) at (stream|data) offset (\d+): [^;'(]*(?:'(.*)')?(?:; ([^(]*))?(?: \(names MN '?([^',)]+)'?, (unverified|not registered)\))?$/, m => {
    const what = codes[m[1]!] ? codes[m[1]!]!.zh : m[1]!;
    const offset = `（${m[2] === 'stream' ? '数据流' : '数据段'}第 ${m[3]} 字节）`;
    const text = m[4] ? `：'${m[4]}'` : m[5] ? `：${m[5]}` : '';
    const mn = m[6] ? `（包内设备编号 ${m[6]}，${m[7] === 'unverified' ? '未经校验' : '未登记'}）` : '';
    return `${what}${offset}${text}${mn}`;
  }],
  [/^unknown MN '(.*)'; answered QnRtn=(\d+)$/, m => `未登记的设备编号 ${m[1]}（已回复 QnRtn=${m[2]}）`],
  [/^wrong password; answered QnRtn=(\d+)$/, m => `访问密码错误（已回复 QnRtn=${m[1]}）`],
  [/^no valid DataTime \('(.*)'\): readings cannot be placed in time$/, m => `数据时间 DataTime 无效（'${m[1]}'），无法确定监测值的时间`],
  [/^DataTime (\S+) is (\d+) (days|min) (behind|ahead of) the server clock \(accepted: (\d+) (days|min) behind to (\d+) (days|min) ahead\): readings not stored$/,
    m => `数据时间 ${m[1]} ${m[4] === 'behind' ? '落后' : '超前'}服务器时钟 ${m[2]} ${unit(m[3]!)}（允许落后 ${m[5]} ${unit(m[6]!)}、超前 ${m[7]} ${unit(m[8]!)}），监测值未入库`],
  [/^retransmitted split part$/, () => '重复发送的分包'],
  [/^split message (TimedOut|Superseded): received parts (.*) of (\d+)$/,
    m => `分包消息${m[1] === 'TimedOut' ? '超时未收齐' : '被同一编号的新一组分包取代'}：已收到第 ${m[2]} 包，共 ${m[3]} 包`],
];

const unit = (u: string): string => (u === 'days' ? '天' : '分钟');

/** The reason in the UI's language: English as recorded, Chinese translated where the form is known (else as recorded). */
export function reasonText(reason: string): string {
  if (lang() === 'en') return reason;
  for (const [pattern, say] of patterns) {
    const match = reason.match(pattern);
    if (match) return say(match);
  }
  return reason;
}
