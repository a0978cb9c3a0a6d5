import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, headers, notice, received } from './operator';

/**
 * The call history panel against the simulated PBX: calls recorded by main from the PBX's events,
 * read back through the contract. The operator sits at 100 (PJSIP/100), dialling in `internal`.
 */

const CALLER = '0301234567';

test.describe('call history', () => {
  test('a missed call appears in history and is called back in one gesture', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await expect(page.getByTestId('missed-count')).toHaveCount(0);

    // 105 rings my phone, nobody answers, 105 gives up.
    pbx.telephony.noAnswer.add('PJSIP/100');
    await pbx.placeCall('105', '100', { hangupAfterMs: 1_000 });
    await expect(page.getByTestId('missed-count')).toHaveText('1 missed call');

    await page.getByTestId('history-open').click();
    const panel = page.getByTestId('history-panel');
    await expect(panel.getByTestId('history-missed')).toBeChecked();
    await expect(panel.getByTestId('history-today')).toBeChecked();
    const row = panel.getByTestId('history-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-outcome', 'missed');
    await expect(row.getByTestId('history-person')).toContainText('105');
    await expect(row).toContainText('Incoming');
    await expect(row).toContainText('Missed');
    // Seen: the header's count clears.
    await expect(page.getByTestId('missed-count')).toHaveCount(0);

    pbx.telephony.noAnswer.delete('PJSIP/100');
    await row.getByTestId('history-callback').click();
    await expect(notice(page)).toContainText('Connected to 105.');
    await expect(callCard(page, '100', '105')).toHaveAttribute('data-state', 'up');
    expect(received(pbx, 'Originate')).toHaveLength(1);
    expect(headers(received(pbx, 'Originate')[0], 'Channel', 'Context', 'Exten', 'Priority', 'Async')).toEqual({
      Channel: 'PJSIP/100',
      Context: 'internal',
      Exten: '105',
      Priority: '1',
      Async: 'true',
    });
  });

  test('Enter on a call in the history calls that person back', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await page.getByTestId('history-open').click();
    const row = page.getByTestId('history-panel').getByTestId('history-row');
    await expect(row).toHaveCount(0);

    pbx.telephony.noAnswer.add('PJSIP/100');
    await pbx.placeCall(CALLER, '100', { hangupAfterMs: 1_000 });
    // The open panel takes the new call in as it is written, and it counts as seen at once.
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId('missed-count')).toHaveCount(0);

    pbx.telephony.noAnswer.delete('PJSIP/100');
    await row.focus();
    await row.press('Enter');
    await expect.poll(() => received(pbx, 'Originate').map((action) => action.get('Exten'))).toEqual([CALLER]);
    // The simulated PBX has no outside line: what it did with the call is said in words.
    await expect(notice(page)).toContainText('The call ended before it could be placed.');
    expect(received(pbx, 'Originate')[0]?.get('Channel')).toBe('PJSIP/100');
  });

  test('export: the calls the filters show, as CSV a spreadsheet opens safely', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    pbx.telephony.noAnswer.add('PJSIP/100');
    await pbx.placeCall(CALLER, '100', { hangupAfterMs: 1_000 });
    await expect(page.getByTestId('missed-count')).toHaveText('1 missed call');
    pbx.telephony.noAnswer.delete('PJSIP/100');
    // Answered after the simulator's 300 ms, then the caller hangs up.
    await pbx.placeCall('0307654321', '100', { hangupAfterMs: 2_500 });

    await page.getByTestId('history-open').click();
    const panel = page.getByTestId('history-panel');
    await panel.getByTestId('history-missed').uncheck();
    await panel.getByTestId('history-today').uncheck();
    await expect(panel.getByTestId('history-row')).toHaveCount(2);

    const exportCsv = async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByTestId('history-export').click(),
      ]);
      expect(download.suggestedFilename()).toBe('call-history.csv');
      return (await readFile(await download.path(), 'utf8')).split('\r\n');
    };
    const all = await exportCsv();
    expect(all[0]).toBe(
      '"Started","Ended","Direction","From number","From name","To number","To name","Wait (s)","Talk (s)","Outcome","Recording"',
    );
    expect(all.at(-1)).toBe('');
    expect(all).toHaveLength(4);
    const cells = (line: string | undefined) => line?.slice(1, -1).split('","');
    const [answered, missed] = [cells(all[1]), cells(all[2])];
    expect(answered?.slice(2, 4)).toEqual(['in', '0307654321']);
    expect(answered?.[5]).toBe('100');
    expect(Number(answered?.[8])).toBeGreaterThanOrEqual(1);
    expect(answered?.[9]).toBe('answered');
    expect(missed?.slice(2, 4)).toEqual(['in', CALLER]);
    expect(missed?.slice(8, 10)).toEqual(['0', 'missed']);
    expect(missed?.[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await expect(panel.getByTestId('history-exported')).toContainText('call-history.csv');

    await panel.getByTestId('history-missed').check();
    await expect(panel.getByTestId('history-row')).toHaveCount(1);
    const onlyMissed = await exportCsv();
    expect(onlyMissed).toHaveLength(3);
    expect(cells(onlyMissed[1])?.slice(3, 4)).toEqual([CALLER]);
  });
});
