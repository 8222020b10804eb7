package io.execctl.kis.ws;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every callback, in order, as text lines plus typed lists. */
class RecordingListener implements NoticeListener {
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<String> raw = new CopyOnWriteArrayList<>();
    final List<ExecutionNoticeEvent> notices = new CopyOnWriteArrayList<>();
    final List<String> corrupt = new CopyOnWriteArrayList<>();
    final List<String> controls = new CopyOnWriteArrayList<>();
    final List<Instant[]> gaps = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    volatile int connects;

    @Override
    public void onRawFrame(String rawFrame, Instant receivedAt) {
        raw.add(rawFrame);
        log.add("raw");
    }

    @Override
    public void onNotice(ExecutionNoticeEvent notice) {
        notices.add(notice);
        log.add("notice " + notice.orderNo());
    }

    @Override
    public void onCorrupt(String rawFrame, String reason) {
        corrupt.add(reason);
        log.add("corrupt");
    }

    @Override
    public void onControl(String code, String message) {
        controls.add(code);
        log.add("control " + code);
    }

    @Override
    public void onConnected() {
        connects++;
        log.add("connected");
    }

    @Override
    public void onGap(Instant disconnectedAt, Instant reconnectedAt) {
        gaps.add(new Instant[] {disconnectedAt, reconnectedAt});
        log.add("gap");
    }

    @Override
    public void onDisconnected(String reason) {
        disconnects.add(reason);
        log.add("disconnected");
    }
}
