import { useEffect, useRef, useState } from 'react';
import { ApiFailure, post } from '../api';
import { Link } from '../router';

/** The node type whose workflows can be chatted with. */
export const CHAT_TRIGGER = 'weft.ai.chatTrigger';

interface Message { role: 'user' | 'bot' | 'error'; text: string; executionId?: string }
interface Chat { sessionId?: string; messages: Message[] }

const chatKey = (workflowId: string) => `weft.chat.${workflowId}`;

function load(workflowId: string): Chat {
  try {
    return JSON.parse(sessionStorage.getItem(chatKey(workflowId)) ?? '') as Chat;
  } catch {
    return { messages: [] };
  }
}

/**
 * Chats with a workflow that starts with a Chat Trigger: each message goes to POST /api/workflows/{id}/chat. The
 * session id and the messages are kept in the tab's session storage, so a reload continues the conversation;
 * "New chat" starts another session. While the answer is awaited, `streamed` (the text a model streams, from live
 * events the studio follows after `onSending`) stands in for it; `onAnswer` gets the execution that answered.
 */
export function ChatPanel({ workflowId, beforeSend, onSending, onAnswer, streamed }: {
  workflowId: string;
  beforeSend: () => Promise<boolean>;
  onSending?: () => void;
  onAnswer?: (executionId?: string) => void;
  streamed?: string;
}) {
  const [chat, setChat] = useState<Chat>(() => load(workflowId));
  const [input, setInput] = useState('');
  const [sending, setSending] = useState(false);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    sessionStorage.setItem(chatKey(workflowId), JSON.stringify(chat));
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [chat, workflowId]);

  const send = async () => {
    const text = input.trim();
    if (!text || sending) return;
    if (!(await beforeSend())) return;
    setInput('');
    setSending(true);
    onSending?.();
    let executionId: string | undefined;
    setChat((c) => ({ ...c, messages: [...c.messages, { role: 'user', text }] }));
    try {
      const answer = await post(`/api/workflows/${workflowId}/chat`, { sessionId: chat.sessionId, message: text });
      const reply: Message = answer.status === 'success'
        ? { role: 'bot', text: answer.reply ?? '(the workflow answered without text)', executionId: answer.executionId }
        : { role: 'error', text: answer.error ?? `the execution is ${answer.status}`, executionId: answer.executionId };
      executionId = answer.executionId;
      setChat((c) => ({ sessionId: answer.sessionId, messages: [...c.messages, reply] }));
    } catch (e) {
      const message = e instanceof ApiFailure ? e.message : String(e);
      setChat((c) => ({ ...c, messages: [...c.messages, { role: 'error', text: message }] }));
    } finally {
      setSending(false);
      onAnswer?.(executionId);
    }
  };

  return (
    <div className="chat" data-testid="chat-panel">
      <div className="chat-head">
        <h4>Chat</h4>
        <span className="muted" data-testid="chat-session">{chat.sessionId ? `session ${chat.sessionId.slice(0, 8)}` : 'new session'}</span>
        <span className="spacer" />
        <button className="link" data-testid="chat-new" onClick={() => setChat({ messages: [] })}>New chat</button>
      </div>
      <div className="chat-messages" data-testid="chat-messages">
        {chat.messages.length === 0 && <div className="muted">Send a message to run the workflow from its Chat Trigger.</div>}
        {chat.messages.map((m, i) => (
          <div key={i} className={`chat-msg ${m.role}`} data-testid={`chat-${m.role}`}>
            {m.text}
            {m.executionId && <Link to={`/executions/${m.executionId}`} className="muted exec">execution</Link>}
          </div>
        ))}
        {sending && <div className="chat-msg bot muted" data-testid="chat-waiting">{streamed || '…'}</div>}
        <div ref={end} />
      </div>
      <form className="chat-input" onSubmit={(e) => { e.preventDefault(); send(); }}>
        <input data-testid="chat-input" placeholder="Type a message" value={input} onChange={(e) => setInput(e.target.value)} disabled={sending} />
        <button className="primary" type="submit" data-testid="chat-send" disabled={sending || !input.trim()}>Send</button>
      </form>
    </div>
  );
}
